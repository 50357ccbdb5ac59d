import { ComingSoon } from '../../ui/ComingSoon';

export function CoachPage() {
  return (
    <ComingSoon title="Coach">
      <p>
        The coach arrives in a coming version. It will review your trades and journal, find similar past trades and
        point out patterns — on this computer, or with your own Gemini key if you add one.
      </p>
    </ComingSoon>
  );
}
