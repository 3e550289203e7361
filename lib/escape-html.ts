/** Escapes text for HTML element content and quoted attribute values (the emails Agora sends). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
