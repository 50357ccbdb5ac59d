/** Small labels (tags, emotions); a colour, when given, shows as a dot. */
export function Chips({ items }: { items: { key: string; label: string; color?: string | null }[] }) {
  if (items.length === 0) return null;
  return (
    <span className="chips">
      {items.map((item) => (
        <span className="chip" key={item.key}>
          {item.color ? <span className="chip__dot" style={{ background: item.color }} aria-hidden="true" /> : null}
          {item.label}
        </span>
      ))}
    </span>
  );
}
