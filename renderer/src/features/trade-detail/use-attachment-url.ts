import { useEffect, useState } from 'react';
import { callQuietly } from '../../client/quiet-call';
import { base64ToBlob } from './screenshot-files';

export type ImageSource = { url: string } | { error: string } | null;

/** An attachment's bytes as an object URL (revoked when no longer shown); null while loading. */
export function useAttachmentUrl(id: string): ImageSource {
  const [source, setSource] = useState<ImageSource>(null);
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    void callQuietly('attachments.read', { id }).then((result) => {
      if (!live) return;
      if (!result.ok) return setSource({ error: result.error.message });
      url = URL.createObjectURL(base64ToBlob(result.value.dataBase64, result.value.attachment.mime));
      setSource({ url });
    });
    return () => {
      live = false;
      if (url !== null) URL.revokeObjectURL(url);
    };
  }, [id]);
  return source;
}
