/**
 * An integer shown with visual thousands grouping, while its text stays the plain number
 * (so `textContent` is machine-readable: "48213", shown as "48 213").
 */
export function Num({
  value,
  testId,
  className,
}: {
  value: number | null | undefined;
  testId?: string;
  className?: string;
}) {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return (
      <span className={className} data-testid={testId}>
        —
      </span>
    );
  }
  const digits = String(Math.round(Math.abs(value)));
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return (
    <span className={['num', className].filter(Boolean).join(' ')} data-testid={testId} data-value={value}>
      {value < 0 && '-'}
      {groups.map((g, i) => (
        <span key={i} className={i > 0 ? 'num-group' : undefined}>
          {g}
        </span>
      ))}
    </span>
  );
}
