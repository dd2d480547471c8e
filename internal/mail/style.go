package mail

import "strings"

// The HTML part's layout: a table 640 pixels wide at most, system fonts,
// every style inline (many mail clients drop <style> and classes). The
// colours keep a contrast of 4.5:1 at least (WCAG 2.1 AA).
const (
	font          = "font-family:Arial,Helvetica,sans-serif;"
	styleBody     = "margin:0;padding:0;background-color:#f2f2f2;"
	styleOuter    = "background-color:#f2f2f2;"
	styleInner    = "max-width:640px;background-color:#ffffff;border:1px solid #d0d0d0;"
	styleCell     = "padding:24px;" + font + "font-size:16px;line-height:1.5;color:#1a1a1a;text-align:left;"
	styleEmbargo  = "margin:0 0 20px 0;padding:12px 16px;border:2px solid #a30000;background-color:#fff4f4;color:#a30000;" + font + "font-size:16px;line-height:1.4;"
	styleKicker   = "margin:0 0 4px 0;" + font + "font-size:14px;line-height:1.4;color:#555555;text-transform:uppercase;letter-spacing:0.05em;"
	styleH1       = "margin:0 0 8px 0;" + font + "font-size:26px;line-height:1.25;color:#1a1a1a;font-weight:bold;"
	styleMeta     = "margin:0 0 20px 0;" + font + "font-size:14px;line-height:1.4;color:#555555;"
	styleH2       = "margin:28px 0 8px 0;" + font + "font-size:20px;line-height:1.3;color:#1a1a1a;font-weight:bold;"
	styleH3       = "margin:20px 0 8px 0;" + font + "font-size:17px;line-height:1.3;color:#1a1a1a;font-weight:bold;"
	styleP        = "margin:0 0 16px 0;" + font + "font-size:16px;line-height:1.5;color:#1a1a1a;"
	styleLink     = "color:#0b57a4;text-decoration:underline;"
	styleList     = "margin:0 0 16px 0;padding:0 0 0 24px;" + font + "font-size:16px;line-height:1.5;color:#1a1a1a;"
	styleItem     = "margin:0 0 6px 0;"
	styleFigure   = "margin:0 0 20px 0;"
	styleImg      = "display:block;max-width:100%;height:auto;border:0;"
	styleCaption  = font + "font-size:13px;line-height:1.4;color:#555555;"
	styleFilemeta = "color:#555555;font-size:14px;"
	styleFooter   = "margin:28px 0 0 0;padding:16px 0 0 0;border-top:1px solid #d0d0d0;" + font + "font-size:13px;line-height:1.5;color:#555555;"
	styleQuote    = "margin:0 0 16px 0;padding:0 0 0 16px;border-left:4px solid #d0d0d0;color:#333333;"
	styleTable    = "border-collapse:collapse;margin:0 0 16px 0;" + font + "font-size:15px;line-height:1.4;"
	styleCellT    = "border:1px solid #d0d0d0;padding:6px 8px;text-align:left;vertical-align:top;"
	stylePre      = "margin:0 0 16px 0;padding:12px;background-color:#f2f2f2;font-family:Consolas,Menlo,monospace;font-size:14px;line-height:1.4;white-space:pre-wrap;"
	styleCode     = "font-family:Consolas,Menlo,monospace;font-size:14px;"
	styleHR       = "border:0;border-top:1px solid #d0d0d0;margin:24px 0;"
	styleSmall    = "font-size:14px;line-height:1.4;color:#555555;"
)

// tagStyles are the styles the elements of a rendered body get.
var tagStyles = map[string]string{
	"p": styleP, "h1": styleH2, "h2": styleH2, "h3": styleH3, "h4": styleH3, "h5": styleH3, "h6": styleH3,
	"a": styleLink, "ul": styleList, "ol": styleList, "li": styleItem, "blockquote": styleQuote,
	"table": styleTable, "th": styleCellT, "td": styleCellT, "pre": stylePre, "code": styleCode,
	"img": styleImg, "hr": styleHR, "figcaption": styleCaption, "section": styleSmall,
	"span": "",
}

// inlineStyles gives each element of rendered HTML that has no style of
// its own the style of its kind, and drops scripts and style sheets (raw
// HTML of a site with [markdown] unsafe); everything else stays as it was.
func inlineStyles(h string) string {
	var b strings.Builder
	b.Grow(len(h) * 2)
	skip := ""
	for _, tk := range tokens(h) {
		if skip != "" {
			if tk.closing && tk.tag == skip {
				skip = ""
			}
			continue
		}
		if (tk.tag == "script" || tk.tag == "style") && !tk.closing {
			skip = tk.tag
			continue
		}
		style := tagStyles[tk.tag]
		if tk.tag == "span" && tk.attrs["class"] == "dateline" {
			style = "font-weight:bold;"
		}
		if tk.tag == "" || tk.closing || style == "" {
			b.WriteString(tk.text)
			continue
		}
		if _, ok := tk.attrs["style"]; ok {
			b.WriteString(tk.text)
			continue
		}
		src := tk.text
		end := len(src) - 1
		if strings.HasSuffix(src, "/>") {
			end = len(src) - 2
		}
		b.WriteString(strings.TrimRight(src[:end], " "))
		b.WriteString(` style="` + style + `"`)
		b.WriteString(src[end:])
	}
	return b.String()
}
