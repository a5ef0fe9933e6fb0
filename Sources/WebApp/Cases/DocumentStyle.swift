/// The style sheet of issued documents and evidence packs: an A4 page in a serif face, black on
/// white, with the same header rule as the app's pages. It is served beside each document
/// (`document.css`, linked relatively) and packed into each evidence pack, because a document
/// must print the same in the app, from the ZIP and through headless Chromium.
enum DocumentStyle {
    static let fileName = "document.css"

    static let css = """
        @page { size: A4; margin: 25mm 22mm; }
        html { background: #f4f5f7; }
        body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; color: #111; line-height: 1.8;
          max-width: 170mm; margin: 2em auto; padding: 20mm 18mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
        .office { text-align: center; font-size: 1.6em; letter-spacing: .2em; color: #b00; margin: 0; }
        .rule { border: 0; border-top: 2px solid #b00; margin: .4em 0 1.2em; }
        .number { text-align: center; margin: 0 0 1.2em; }
        h1 { text-align: center; font-size: 1.5em; letter-spacing: .3em; margin: .5em 0 1em; }
        h2 { font-size: 1.1em; margin: 1.4em 0 .4em; }
        p { text-indent: 2em; margin: .4em 0; }
        p.plain { text-indent: 0; }
        table { width: 100%; border-collapse: collapse; margin: .6em 0; font-size: .92em; }
        th, td { border: 1px solid #999; padding: .25em .45em; text-align: left; vertical-align: top; word-break: break-all; }
        code, pre { font-family: "Noto Sans Mono CJK SC", monospace; font-size: .85em; white-space: pre-wrap; word-break: break-all; }
        .sign { text-align: right; margin-top: 3em; }
        .muted { color: #555; }
        .seal { text-align: right; color: #b00; }
        @media print { html { background: #fff; } body { box-shadow: none; margin: 0; padding: 0; max-width: none; }
          a { color: inherit; text-decoration: none; } .noprint { display: none; } }
        """
}
