/** A self-contained HTML page that renders /api/openapi.json (no CDN: works offline). */
export function docsPage(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Streetflow API</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:960px;color:#222}
h2{border-bottom:1px solid #ddd;margin-top:2rem}
.op{border:1px solid #e3e3e3;border-radius:6px;margin:.5rem 0;padding:.5rem .75rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700;text-transform:uppercase}
.get{color:#0a7}.post{color:#07c}.put{color:#c70}.delete{color:#c22}
.roles{color:#777;font-size:12px}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:12px}
</style></head><body>
<h1>Streetflow case service API</h1>
<p>Machine-readable description: <a href="/api/openapi.json">/api/openapi.json</a>. Log in with <code>POST /api/auth/login</code>, then send <code>Authorization: Bearer &lt;token&gt;</code>. Errors are <code>application/problem+json</code>.</p>
<div id="ops">Loading…</div>
<script>
fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{
  const byTag={};
  for(const [path,ops] of Object.entries(doc.paths)) for(const [m,op] of Object.entries(ops)) (byTag[op.tags[0]]??=[]).push({path,m,op});
  const el=document.getElementById('ops'); el.textContent='';
  for(const [tag,ops] of Object.entries(byTag)){
    const h=document.createElement('h2'); h.textContent=tag; el.appendChild(h);
    for(const {path,m,op} of ops){
      const d=document.createElement('details'); d.className='op';
      const s=document.createElement('summary');
      s.innerHTML='<span class="m '+m+'"></span><code></code> — <span class="sum"></span> <span class="roles"></span>';
      s.querySelector('.m').textContent=m; s.querySelector('code').textContent=path; s.querySelector('.sum').textContent=op.summary;
      s.querySelector('.roles').textContent='['+(Array.isArray(op['x-roles'])?op['x-roles'].join(', '):op['x-roles'])+']';
      d.appendChild(s);
      const pre=document.createElement('pre'); pre.textContent=JSON.stringify({parameters:op.parameters,requestBody:op.requestBody,responses:Object.keys(op.responses)},null,2);
      d.appendChild(pre); el.appendChild(d);
    }
  }
});
</script></body></html>`;
}
