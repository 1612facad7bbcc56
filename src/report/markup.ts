/** Escaping for the markup reports (HTML, SVG, JUnit XML): every text an implementation controls passes through here. */

/** Text safe inside an element or a double-quoted attribute of HTML, SVG or XML. */
export function escapeMarkup(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
      // XML 1.0 has no place for most control characters, not even escaped: they are shown as U+FFFD.
      // oxlint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
  );
}

/** JSON to embed in a `<script type="application/json">`: no `<` can end the script early. */
export function jsonInScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
