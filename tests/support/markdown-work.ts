import * as commonmark from "micromark-core-commonmark";
import type { Construct, Extension, TokenizeContext } from "micromark-util-types";

/**
 * A deterministic measure of the work of parsing Markdown, for asserting that it grows linearly
 * without timing anything. It counts what micromark's superlinear paths repeat:
 * - characters consumed by its state machines, re-feeds after a failed attempt included;
 * - reads of the event list by constructs and resolvers (the look-backs of emphasis, brackets…);
 * - array elements pushed, spliced, sliced or concatenated anywhere while measuring (the re-copies
 *   of the event list when a container closes or a heading is underlined, and every tree walk's
 *   arrays after parsing).
 * It instruments micromark's CommonMark constructs in place and the given extensions, and patches
 * Array.prototype: install it only in a process of its own (a vitest file is one), and uninstall it.
 */

interface Counts {
  consumed: number;
  eventReads: number;
  arrayElements: number;
}

const counts: Counts = { consumed: 0, eventReads: 0, arrayElements: 0 };
let counting = false;
const undo: (() => void)[] = [];

/** Runs `work` and returns what it cost (thrown errors propagate after counting stops). */
export function measureWork(work: () => unknown): Counts & { total: number } {
  Object.assign(counts, { consumed: 0, eventReads: 0, arrayElements: 0 });
  counting = true;
  try {
    work();
  } finally {
    counting = false;
  }
  return { ...counts, total: counts.consumed + counts.eventReads + counts.arrayElements };
}

export function installWorkCounters(extensions: Extension[]): void {
  patchArrays();
  const wrapped = new Map<Construct, Construct>();
  const wrap = (construct: Construct) => wrapped.get(construct) ?? wrapped.set(construct, counting_(construct)).get(construct)!;
  for (const construct of Object.values(commonmark) as Construct[]) {
    const original = { ...construct };
    Object.assign(construct, counting_(original));
    undo.push(() => Object.assign(construct, original));
  }
  for (const extension of extensions) {
    for (const field of Object.values(extension) as (Record<string, unknown> | undefined)[]) {
      if (!field || typeof field !== "object") continue;
      for (const [code, value] of Object.entries(field)) {
        const isConstruct = (item: unknown): item is Construct => typeof item === "object" && item !== null && "tokenize" in item;
        field[code] = Array.isArray(value) ? value.map((item) => (isConstruct(item) ? wrap(item) : item)) : isConstruct(value) ? wrap(value) : value;
        undo.push(() => (field[code] = value));
      }
    }
  }
}

export function uninstallWorkCounters(): void {
  for (const step of undo.splice(0).reverse()) step();
}

function patchArrays(): void {
  const prototype = Array.prototype as unknown as Record<string, (this: unknown[], ...args: unknown[]) => unknown>;
  const moved: Record<string, (array: unknown[], args: unknown[], result: unknown) => number> = {
    push: (_array, args) => args.length,
    unshift: (array) => array.length,
    splice: (array, args) => Math.max(0, array.length - Number(args[0] ?? 0)) + Math.max(0, args.length - 2),
    slice: (_array, _args, result) => (result as unknown[]).length,
    concat: (_array, _args, result) => (result as unknown[]).length,
  };
  for (const [name, cost] of Object.entries(moved)) {
    const original = prototype[name]!;
    prototype[name] = function (this: unknown[], ...args: unknown[]) {
      const result = original.apply(this, args);
      if (counting) counts.arrayElements += cost(this, args, result);
      return result;
    };
    undo.push(() => (prototype[name] = original));
  }
}

const countedEffects = new WeakSet<object>();

function countingEvents<T extends object>(events: T): T {
  return new Proxy(events, {
    get(target, key, receiver) {
      if (counting && typeof key === "string") counts.eventReads++;
      return Reflect.get(target, key, receiver);
    },
  });
}

/** The context a construct sees, whose `events` are counted when read. */
function countingContext(context: TokenizeContext): TokenizeContext {
  return new Proxy(context, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      return key === "events" && Array.isArray(value) ? countingEvents(value) : value;
    },
  });
}

/** A copy of `construct` whose tokenizer, resolvers and continuation count their work. */
function counting_(construct: Construct): Construct {
  const { tokenize, continuation } = construct;
  const copy: Construct = {
    ...construct,
    tokenize(effects, ok, nok) {
      if (!countedEffects.has(effects)) {
        countedEffects.add(effects);
        const consume = effects.consume;
        effects.consume = (code) => {
          if (counting) counts.consumed++;
          consume(code);
        };
      }
      return tokenize.call(countingContext(this), effects, ok, nok);
    },
  };
  for (const key of ["resolve", "resolveAll", "resolveTo"] as const) {
    const resolver = construct[key];
    if (!resolver) continue;
    copy[key] = (events, context) => {
      const proxy = countingEvents(events);
      const result = resolver(proxy, context);
      return result === proxy ? events : result;
    };
  }
  if (continuation) copy.continuation = counting_(continuation as Construct);
  return copy;
}
