/*
 * How an option is marked on the projector and the phones: a letter and a shape carry its
 * meaning; the colour (Okabe–Ito, safe for colour-blind players) only helps. The shape is
 * decorative for screen readers, which read the letter and the text.
 */

const SHAPES = ["triangle", "diamond", "circle", "square", "star", "hexagon"] as const;

export const optionLetter = (index: number) => String.fromCharCode(65 + index);

const PATHS: Record<(typeof SHAPES)[number], string> = {
  triangle: "M12 3 22 21H2Z",
  diamond: "M12 2 22 12 12 22 2 12Z",
  circle: "M12 2a10 10 0 1 0 0.001 0Z",
  square: "M3 3h18v18H3Z",
  star: "M12 2l3 7h7l-5.6 4.3L18.5 21 12 16.8 5.5 21l2.1-7.7L2 9h7Z",
  hexagon: "M7 3h10l5 9-5 9H7l-5-9Z",
};

export function OptionMark({ index }: { index: number }) {
  const shape = SHAPES[index % SHAPES.length]!;
  return (
    <span className="live-mark" aria-hidden="true">
      <svg viewBox="0 0 24 24" width="1em" height="1em" focusable="false">
        <path d={PATHS[shape]} fill="currentColor" />
      </svg>
      <span className="live-letter">{optionLetter(index)}</span>
    </span>
  );
}

/** The class giving an option its colour (`live-opt-0` … `live-opt-5`). */
export const optionClass = (index: number) => `live-opt live-opt-${index % SHAPES.length}`;
