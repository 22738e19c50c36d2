import Crypto
import Foundation

/// The whole stylesheet: small, hand-written, mobile first, no framework. Served with a
/// content hash in its URL so browsers cache it for a year and still see every change.
enum Stylesheet {
    static let css = """
    :root{--ink:#1d2733;--muted:#5b6776;--line:#d7dde4;--bg:#f6f8fa;--card:#fff;--brand:#0b6e4f;--brand-ink:#fff;
    --warn:#8a4b00;--warn-bg:#fff4e0;--bad:#a11d2b;--bad-bg:#fdecee;--ok:#0b6e4f;--ok-bg:#e6f4ee;--focus:#1f6feb}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--ink);background:var(--bg)}
    a{color:#0a58ca}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid var(--focus);outline-offset:1px}
    .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:9}
    header.top{background:var(--brand);color:var(--brand-ink);padding:8px 12px;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
    header.top a{color:var(--brand-ink);text-decoration:none}
    .brand{font-weight:700;font-size:1.1rem;margin-right:auto}
    nav.main{display:flex;flex-wrap:wrap;gap:4px 14px}nav.main a[aria-current]{text-decoration:underline}
    .who{font-size:.85rem;opacity:.9}
    header.top form{margin:0}header.top button{background:transparent;color:var(--brand-ink);border:1px solid rgba(255,255,255,.6);border-radius:6px;padding:4px 10px;font:inherit;cursor:pointer}
    main{max-width:960px;margin:0 auto;padding:12px}
    h1{font-size:1.4rem;margin:.4em 0 .6em}h2{font-size:1.15rem;margin:1.2em 0 .5em}
    .crumbs{font-size:.9rem;color:var(--muted);margin:4px 0}.crumbs ol{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap}
    .crumbs li+li:before{content:"›";padding:0 6px}
    .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;margin:0 0 12px}
    .facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}.facts dt{color:var(--muted)}.facts dd{margin:0}
    .stats{display:flex;flex-wrap:wrap;gap:8px;padding:0;list-style:none;margin:0 0 12px}.stats li{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 12px}
    .stats strong{display:block;font-size:1.3rem}
    table{width:100%;border-collapse:collapse;background:var(--card)}th,td{text-align:left;padding:8px 6px;border-bottom:1px solid var(--line);vertical-align:top}
    th{font-size:.85rem;color:var(--muted);font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    .table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:8px;margin-bottom:12px}
    form.stack{display:grid;gap:12px;max-width:560px}.stack.wide{max-width:none}fieldset.card{max-width:760px}
    label{font-weight:600;display:block;margin-bottom:4px}.hint{font-size:.85rem;color:var(--muted);font-weight:400}
    input[type=text],input[type=password],input[type=search],input[type=file],select,textarea{width:100%;font:inherit;padding:10px;border:1px solid #9aa5b1;border-radius:6px;background:#fff;min-height:44px}
    input[aria-invalid=true],select[aria-invalid=true]{border-color:var(--bad);background:var(--bad-bg)}
    .field-error{color:var(--bad);font-size:.9rem;margin:4px 0 0}
    button,.button{display:inline-block;font:inherit;font-weight:600;padding:10px 16px;min-height:44px;border-radius:6px;border:1px solid var(--brand);background:var(--brand);color:#fff;cursor:pointer;text-decoration:none}
    .button.secondary,button.secondary{background:#fff;color:var(--brand)}button.danger{background:#fff;color:var(--bad);border-color:var(--bad)}
    .actions{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0 12px}.actions form{margin:0}
    .notice{border-radius:8px;padding:10px 12px;margin:0 0 12px;border:1px solid}
    .notice.ok{background:var(--ok-bg);border-color:#9fd3bd;color:var(--ok)}.notice.bad{background:var(--bad-bg);border-color:#f0b7be;color:var(--bad)}
    .notice.warn{background:var(--warn-bg);border-color:#f3cf94;color:var(--warn)}
    .notice ul{margin:6px 0 0;padding-left:20px}.notice p.lead{margin:0}
    .tag{display:inline-block;font-size:.8rem;padding:1px 8px;border-radius:10px;background:#e8edf2;color:var(--muted)}.tag.off{background:var(--bad-bg);color:var(--bad)}
    .tag.ok{background:var(--ok-bg);color:var(--ok)}.tag.warn{background:var(--warn-bg);color:var(--warn)}
    .rubric table{font-size:.92rem}.rubric th,.rubric td{border:1px solid #b8c2cc}.rubric tr.criterion td{background:#eef2f5;font-weight:600}
    .rubric td.blank{min-width:5em}.signatures{display:flex;justify-content:space-around;margin:24px 0 48px;text-align:center}
    textarea.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;min-height:60vh;white-space:pre}
    .verdict{font-size:1.3rem;font-weight:700}img.thumb{display:block;max-width:120px;max-height:90px;border-radius:4px;margin-bottom:4px}
    .document,.certificate{font-family:"Times New Roman",Times,serif;font-size:1.05rem;background:#fff;padding:16px;border:1px solid var(--line)}
    .doc-header{display:grid;grid-template-columns:2fr 3fr;gap:8px;text-align:center}.doc-header p{margin:0}.doc-header .rule{width:40%;margin:2px auto 6px;border-top:1px solid #000;height:0}
    .doc-date{font-style:italic;text-align:center}.doc-title{text-align:center;font-weight:700;margin:18px 0 2px}.doc-subject{text-align:center;font-weight:700;margin:0 0 10px}
    .doc-authority{text-align:center;font-weight:700}.doc-basis p{font-style:italic;margin:2px 0}.doc-sign{display:grid;grid-template-columns:1fr 1fr;margin-top:18px}
    .doc-sign>div:last-child{text-align:center}.doc-sign p{margin:2px 0}.signature-space{height:64px}.doc-list{width:100%}.doc-list th,.doc-list td{border:1px solid #444}
    .certificate{margin-bottom:16px}.certificate-title{text-align:center;font-size:2rem;font-weight:700;color:#a00;margin:24px 0 8px}
    .certificate-name{text-align:center;font-size:1.6rem;font-weight:700;margin:8px 0}
    .search{display:flex;gap:8px;margin:0 0 12px}.search input{flex:1}
    form.search{flex-wrap:wrap;align-items:flex-end}form.search>div{min-width:10em}
    svg.bullet{width:160px;height:14px;display:block}svg.trend{width:100%;max-width:260px;height:90px;display:block}
    .trends{display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(240px,1fr))}.trends h3{font-size:1rem;margin:0 0 6px}.trends ul{margin:6px 0 0;padding-left:18px;font-size:.9rem}
    table.progress td .hint{font-size:.75rem}caption{text-align:left;font-weight:600;padding:6px}
    svg.choropleth{width:100%;max-height:70vh;display:block}svg.choropleth a:focus path,svg.choropleth a:hover path{stroke:#1d2733;stroke-width:3}
    .legend{display:flex;flex-wrap:wrap;gap:6px 14px;list-style:none;padding:0;margin:8px 0 0;font-size:.85rem}.swatch{display:inline-block;width:14px;height:14px;margin-right:4px;vertical-align:-2px;border:1px solid #bbb}
    .swatch.bin0{background:#edf8e9}.swatch.bin1{background:#bae4b3}.swatch.bin2{background:#74c476}.swatch.bin3{background:#31a354}.swatch.bin4{background:#006d2c}.swatch.none{background:#d9dde2}
    footer{max-width:960px;margin:24px auto;padding:0 12px;color:var(--muted);font-size:.85rem}
    .tags{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:.9rem}.articles,.results{padding-left:1.2em}.articles h2,.results h2{font-size:1.1rem;margin:14px 0 4px}
    .meta{color:var(--muted);font-size:.85rem;margin:2px 0}.lead{font-size:1.05rem}.prose{line-height:1.6}.prose img{max-width:100%;height:auto}
    .prose pre{overflow-x:auto;background:#eef1f4;padding:8px}.prose blockquote{border-left:4px solid var(--line);margin:8px 0;padding:2px 12px;color:var(--muted)}
    .filters{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}.filters>div{flex:1 1 10em}
    @media (max-width:640px){table.cards thead{display:none}table.cards tr{display:block;border-bottom:1px solid var(--line);padding:6px 0}
    table.cards td{display:flex;gap:8px;border:0;padding:3px 10px}table.cards td[data-label]:before{content:attr(data-label);color:var(--muted);min-width:7.5em;font-size:.85rem}}
    @media (min-width:700px){main{padding:16px 20px}h1{font-size:1.6rem}}
    @media print{@page{size:A4;margin:14mm}header.top,footer,.actions,form,.crumbs,.no-print{display:none}
    body{background:#fff;font-size:10.5pt}main{max-width:none;padding:0}h1{font-size:14pt}.table-wrap{overflow:visible;border:0}
    main:has(.document)>h1,main:has(.certificate)>h1,.notice{display:none}.document,.certificate{border:0;padding:0;font-size:13pt}.page-break{break-before:page}.certificate{break-after:page;min-height:250mm}
    .rubric table{width:100%}.rubric th,.rubric td{padding:3px 5px}thead{display:table-header-group}tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
    """

    /// The first 12 hex digits of the stylesheet's SHA-256.
    static let version: String = SHA256.hash(data: Data(css.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
}
