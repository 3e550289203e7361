import { describe, expect, it } from "vitest";
import type { CommentNode } from "@/lib/comments/comment-nodes";
import { previewThreads } from "@/lib/comments/preview";

let nextId = 1;
function node(replies: CommentNode[] = [], moreReplies = 0): CommentNode {
  const id = nextId++;
  return {
    id,
    parentId: null,
    sectionId: "s",
    depth: 0,
    hidden: false,
    replyCount: replies.length + moreReplies,
    moreReplies,
    replies,
  } as unknown as CommentNode;
}
const shape = (nodes: CommentNode[]): unknown => nodes.map((n) => [n.moreReplies, shape(n.replies)]);

describe("previewThreads", () => {
  it("keeps the first replies per comment and counts the rest as more replies", () => {
    const tree = [node([node(), node(), node(), node(), node()])];
    expect(shape(previewThreads(tree, { replyLevels: 2, repliesPerComment: 3 }))).toEqual([
      [
        2,
        [
          [0, []],
          [0, []],
          [0, []],
        ],
      ],
    ]);
  });

  it("cuts reply levels below the limit, adding them to what the permalink continues", () => {
    const tree = [node([node([node([node()])], 1)])];
    // level 0 → its reply (level 1) → that reply's reply (level 2) is cut: counted on level 1.
    expect(shape(previewThreads(tree, { replyLevels: 1, repliesPerComment: 3 }))).toEqual([[0, [[1 + 1, []]]]]);
  });

  it("leaves small threads as they are and never changes its input", () => {
    const tree = [node([node()]), node()];
    const before = JSON.stringify(tree);
    expect(shape(previewThreads(tree, { replyLevels: 2, repliesPerComment: 3 }))).toEqual(shape(tree));
    expect(JSON.stringify(tree)).toBe(before);
  });
});
