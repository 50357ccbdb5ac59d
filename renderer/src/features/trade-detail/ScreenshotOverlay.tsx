import type { Attachment } from '../../../../shared/domain/types';
import { Overlay } from '../../ui/Overlay';

type Props = { attachment: Attachment; url: string; onClose: () => void };

/** A screenshot at full size over the page; Esc, the close button or a click outside closes it. */
export function ScreenshotOverlay({ attachment, url, onClose }: Props) {
  return (
    <Overlay
      label={attachment.fileName}
      className="overlay__panel--image"
      testId="screenshot-overlay"
      onClose={onClose}
    >
      <img className="overlay__image" src={url} alt={attachment.fileName} />
    </Overlay>
  );
}
