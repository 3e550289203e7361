/** "3 upvotes": the words a count is read out with, shown count or toggle alike. */
export const upvotesLabel = (score: number) => `${score} ${score === 1 ? "upvote" : "upvotes"}`;

/**
 * A comment's score for someone who cannot upvote it (signed out, banned, its author, or hidden):
 * plain server-rendered HTML. Most readers are signed out, so most comments on a page cost the browser
 * no component to hydrate; only UpvoteButton, the toggle, is a client component.
 */
export function UpvoteCount({ score }: { score: number }) {
  return (
    // ARIA forbids naming a plain span (aria-label there is ignored or read as "▲ 3"): the words are
    // hidden text instead, and the symbol is hidden from screen readers.
    <span className="upvote-count">
      <span aria-hidden="true">{`▲ ${score}`}</span>
      <span className="visually-hidden">{upvotesLabel(score)}</span>
    </span>
  );
}
