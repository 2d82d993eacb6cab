// The highlight look chosen in the options page, as ::highlight() rules that follow content.css in
// the cascade. Empty for the defaults, so pages of users who never change the look get no sheet.
import { DEFAULT_COLORS, SEVERITIES, type Colors, type HighlightStyle } from "../shared/settings.js";

export function appearanceCss(style: HighlightStyle, colors: Colors): string {
  const isDefault = style === "underline" && SEVERITIES.every((s) => colors[s].toLowerCase() === DEFAULT_COLORS[s]);
  if (isDefault) return "";
  return SEVERITIES.map((severity) => {
    const color = colors[severity];
    // Colours are validated as #rrggbb by the settings model, so they are safe to put in CSS.
    return style === "background"
      ? `::highlight(claimlint-${severity}) { text-decoration: none; background-color: ${color}59; }`
      : `::highlight(claimlint-${severity}) { text-decoration: underline wavy ${color}; text-decoration-thickness: 1.5px; background-color: ${color}29; }`;
  }).join("\n");
}
