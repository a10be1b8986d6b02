/** Why a form was not saved, read out to screen readers as it appears. */
export function FormError({ error }: { error: string | null }) {
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
}
