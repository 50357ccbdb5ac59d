import { ComingSoon } from '../../ui/ComingSoon';

export function ImportPage() {
  return (
    <ComingSoon title="Import">
      <p>
        Importing broker statements from this window arrives in a coming version. While your journal is empty, the
        Dashboard offers a demo journal to explore the app with.
      </p>
    </ComingSoon>
  );
}
