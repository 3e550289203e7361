/** "3 upvotes": the words a count is read out with, shown count or toggle alike. */
export const upvotesLabel = (score: number) => `${score} ${score === 1 ? "upvote" : "upvotes"}`;

/**
 * A comment's score for someone who cannot upvote it (signed out, banned, its author, or hidden):
 * plain server-rendered HTML. Most readers are signed out, so most comments on a page cost the browser
 * no component to hydrate; only UpvoteButton, the toggle, is a client component.
 */
export function UpvoteCount({ score }: { score: number }) {
  return (
    <span className="upvote-count" aria-label={upvotesLabel(score)}>
      ▲ {score}
    </span>
  );
}
