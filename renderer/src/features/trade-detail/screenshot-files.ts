import { MAX_ATTACHMENT_BYTES } from '../../../../shared/contract/attachments';

/** Image types a screenshot may have (no SVG: it can carry script). */
export const SCREENSHOT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Why a file cannot be attached as a screenshot, or null when it can. */
export function screenshotProblem(file: { name: string; type: string; size: number }): string | null {
  if (!(SCREENSHOT_TYPES as readonly string[]).includes(file.type)) {
    return `“${file.name}” is not a PNG, JPEG, GIF or WebP image, so it was not attached.`;
  }
  if (file.size === 0) return `“${file.name}” is empty, so it was not attached.`;
  if (file.size > MAX_ATTACHMENT_BYTES) {
    return `“${file.name}” is ${megabytes(file.size)}; a screenshot can be at most ${megabytes(MAX_ATTACHMENT_BYTES)}.`;
  }
  return null;
}

/** A name for a pasted image, which arrives as "image.png" from every app. */
export function pastedName(type: string, now: Date): string {
  const extension = type.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png';
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `pasted-${stamp}.${extension}`;
}

/** base64 → a Blob, for an object URL the page's CSP allows (img-src blob:). */
export function base64ToBlob(base64: string, type: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}
