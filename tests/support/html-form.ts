/**
 * The fields a browser without JavaScript would post from the first form in `html` that has an input
 * named `marker`: its hidden inputs as rendered (React's server-action fields included), entities decoded.
 */
export function hiddenFormFields(html: string, marker: string): Map<string, string> {
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((match) => match[0]).find((candidate) => candidate.includes(`name="${marker}"`));
  if (!form) throw new Error(`No form with a field named ${marker} in the page.`);
  const fields = new Map<string, string>();
  for (const input of form.matchAll(/<input\b[^>]*>/g)) {
    const attributes = Object.fromEntries([...input[0].matchAll(/([\w:-]+)="([^"]*)"/g)].map((match) => [match[1]!, decodeEntities(match[2]!)]));
    if (attributes.type === "hidden" && attributes.name !== undefined) fields.set(attributes.name, attributes.value ?? "");
  }
  return fields;
}

function decodeEntities(text: string): string {
  return text.replace(/&(quot|amp|lt|gt|#x27|#39);/g, (_entity, name: string) => ({ quot: '"', amp: "&", lt: "<", gt: ">", "#x27": "'", "#39": "'" })[name]!);
}
