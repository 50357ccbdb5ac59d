import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../../../shared/contract/attachments';
import { base64ToBlob, pastedName, screenshotProblem } from './screenshot-files';

describe('screenshot files', () => {
  it('accepts common image types within the size limit', () => {
    expect(screenshotProblem({ name: 'a.png', type: 'image/png', size: 2048 })).toBeNull();
    expect(screenshotProblem({ name: 'a.jpg', type: 'image/jpeg', size: MAX_ATTACHMENT_BYTES })).toBeNull();
  });

  it('refuses other types, empty files and files over the limit with the reason', () => {
    expect(screenshotProblem({ name: 'x.svg', type: 'image/svg+xml', size: 10 })).toMatch(/not a PNG, JPEG/);
    expect(screenshotProblem({ name: 'r.pdf', type: 'application/pdf', size: 10 })).toMatch(/“r.pdf” is not/);
    expect(screenshotProblem({ name: 'e.png', type: 'image/png', size: 0 })).toMatch(/empty/);
    expect(screenshotProblem({ name: 'big.png', type: 'image/png', size: MAX_ATTACHMENT_BYTES + 1 })).toBe(
      '“big.png” is 25.0 MB; a screenshot can be at most 25.0 MB.',
    );
  });

  it('names pasted images by time and type', () => {
    expect(pastedName('image/jpeg', new Date(Date.UTC(2025, 2, 14, 9, 31, 5)))).toBe('pasted-2025-03-14-09-31-05.jpg');
  });

  it('turns base64 back into the same bytes', async () => {
    const blob = base64ToBlob(btoa('\x89PNG\x00\xff'), 'image/png');
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0, 0xff]);
  });
});
