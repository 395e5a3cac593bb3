export interface DeckChoice {
  id: string;
  title: string;
  language: string;
}

/** The deck picker of the practice and interview setup forms. */
export function DeckSelect({
  id,
  label,
  decks,
  value,
  onChange,
}: {
  id: string;
  label: string;
  decks: DeckChoice[];
  value: string;
  onChange: (deckId: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {decks.map((d) => (
          <option key={d.id} value={d.id}>
            {d.title} ({d.language.toUpperCase()})
          </option>
        ))}
      </select>
    </div>
  );
}

/** A whole-number input kept as text while typing; the server's zod schema has the last word. */
export function NumberField({
  id,
  label,
  value,
  onChange,
  min,
  max,
  required = false,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  min: number;
  max?: number;
  required?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        required={required}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
