/** Escapes text for the places that take HTML (echarts tooltips): everything from a report or catalog is hostile. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}
