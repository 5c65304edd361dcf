/* extopo-html-report.c: one self-contained HTML file for people without ExTopo.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-html-report"

#include "config.h"

#include <glib/gi18n.h>

#include "extopo-findings.h"
#include "extopo-history.h"
#include "extopo-html-report.h"
#include "extopo-svg-writer.h"
#include "extopo-version.h"

/* The page's style and behaviour. No user data ever goes into them: names
 * only reach the document as escaped text and attribute values. */
static const char html_style[] =
  "body{font-family:Sans,Cantarell,'DejaVu Sans',sans-serif;margin:0;color:#262b33;"
  "background:#f6f7f9}\n"
  "header,section{margin:0 24px 24px}\n"
  "header{padding-top:16px}\n"
  "h1{font-size:22px;margin:8px 0}\n"
  "h2{font-size:17px;margin:24px 0 8px}\n"
  ".meta{color:#666e7a;font-size:13px}\n"
  ".verdict{font-weight:bold;font-size:15px;padding:8px 12px;border-radius:6px;"
  "border-left:6px solid}\n"
  ".status-ok{background:#e6f0e8;border-color:#6b947a}\n"
  ".status-warning{background:#fcedcc;border-color:#e0991a}\n"
  ".status-error{background:#fadbd9;border-color:#cc332e}\n"
  ".status-unsupported{background:#e6d6e8;border-color:#73216b}\n"
  ".toolbar{display:flex;gap:8px;align-items:center;margin-bottom:6px}\n"
  "#view{height:70vh;border:1px solid #c5ccd6;background:#fff;overflow:hidden;"
  "cursor:grab;border-radius:6px}\n"
  "#view svg{width:100%;height:100%}\n"
  "g.match>rect:first-of-type{stroke:#ffcc1a;stroke-width:4}\n"
  "table{border-collapse:collapse;background:#fff;font-size:13px;width:100%}\n"
  "th,td{border:1px solid #d5dae1;padding:4px 8px;text-align:left;vertical-align:top}\n"
  "th{background:#eceff3;cursor:pointer;user-select:none;position:sticky;top:0}\n"
  "th[aria-sort=ascending]::after{content:' \\25B2'}\n"
  "th[aria-sort=descending]::after{content:' \\25BC'}\n"
  "tr.hidden{display:none}\n"
  "td.severity-error{color:#cc332e;font-weight:bold}\n"
  "td.severity-warning{color:#b3770f;font-weight:bold}\n"
  "figure.chart{margin:0 0 12px;background:#fff;border:1px solid #c5ccd6;border-radius:6px;"
  "max-width:960px}\n"
  "figure.chart svg{display:block;width:100%;height:auto}\n"
  "#series{width:auto}\n"
  "#series td{text-align:right}\n"
  "#series td.text{text-align:left}\n"
  "td.not-ready{color:#cc332e;font-weight:bold}\n"
  "td.ready-with-findings{color:#b3770f;font-weight:bold}\n"
  "td.ready{color:#3d6b4d;font-weight:bold}\n";

static const char html_script[] =
  "(function(){\n"
  "var view=document.getElementById('view'),svg=view.querySelector('svg');\n"
  "var full=svg.viewBox.baseVal,box={x:full.x,y:full.y,w:full.width,h:full.height};\n"
  "var home={x:box.x,y:box.y,w:box.w,h:box.h};\n"
  "function apply(){svg.setAttribute('viewBox',box.x+' '+box.y+' '+box.w+' '+box.h);}\n"
  "function zoom(f,cx,cy){var r=view.getBoundingClientRect();\n"
  " if(cx===undefined){cx=r.width/2;cy=r.height/2;}\n"
  " var s=Math.max(box.w/r.width,box.h/r.height);\n"
  " var px=box.x+(cx-(r.width-box.w/s)/2)*s,py=box.y+(cy-(r.height-box.h/s)/2)*s;\n"
  " box.w*=f;box.h*=f;box.x=px-(px-box.x)*f;box.y=py-(py-box.y)*f;apply();}\n"
  "view.addEventListener('wheel',function(e){e.preventDefault();\n"
  " var r=view.getBoundingClientRect();zoom(e.deltaY>0?1.25:0.8,e.clientX-r.left,e.clientY-r.top);},\n"
  " {passive:false});\n"
  "var drag=null;\n"
  "view.addEventListener('mousedown',function(e){drag={x:e.clientX,y:e.clientY};"
  "view.style.cursor='grabbing';});\n"
  "window.addEventListener('mouseup',function(){drag=null;view.style.cursor='grab';});\n"
  "window.addEventListener('mousemove',function(e){if(!drag)return;\n"
  " var r=view.getBoundingClientRect(),s=Math.max(box.w/r.width,box.h/r.height);\n"
  " box.x-=(e.clientX-drag.x)*s;box.y-=(e.clientY-drag.y)*s;drag={x:e.clientX,y:e.clientY};"
  "apply();});\n"
  "document.getElementById('zoom-in').onclick=function(){zoom(0.8);};\n"
  "document.getElementById('zoom-out').onclick=function(){zoom(1.25);};\n"
  "document.getElementById('fit').onclick=function(){box={x:home.x,y:home.y,w:home.w,h:home.h};"
  "apply();};\n"
  "function fold(t){return (t||'').normalize('NFD').replace(/[\\u0300-\\u036f]/g,'')"
  ".toLowerCase();}\n"
  "var objects=Array.prototype.slice.call(svg.querySelectorAll('g[data-name]'));\n"
  "var count=document.getElementById('matches');\n"
  "document.getElementById('search').addEventListener('input',function(e){\n"
  " var q=fold(e.target.value.trim()),hits=[];\n"
  " objects.forEach(function(g){var on=q!==''&&(fold(g.getAttribute('data-name')).indexOf(q)>=0||"
  "fold(g.getAttribute('data-fqdn')).indexOf(q)>=0||fold(g.getAttribute('data-version'))"
  ".indexOf(q)>=0);\n"
  "  g.classList.toggle('match',on);if(on)hits.push(g);});\n"
  " count.textContent=q===''?'':hits.length+' found';\n"
  " if(hits.length>0){var b=hits[0].getBBox(),m=Math.max(b.width,b.height)*3;\n"
  "  box={x:b.x+b.width/2-m,y:b.y+b.height/2-m/2,w:2*m,h:m};apply();}});\n"
  "function sortable(table){var heads=table.tHead.rows[0].cells;\n"
  " Array.prototype.forEach.call(heads,function(th,i){th.addEventListener('click',function(){\n"
  "  var up=th.getAttribute('aria-sort')!=='ascending';\n"
  "  Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort');});\n"
  "  th.setAttribute('aria-sort',up?'ascending':'descending');\n"
  "  var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);\n"
  "  rows.sort(function(a,b){var x=a.cells[i].textContent,y=b.cells[i].textContent;\n"
  "   var c=x.localeCompare(y,undefined,{numeric:true,sensitivity:'base'});return up?c:-c;});\n"
  "  rows.forEach(function(r){body.appendChild(r);});});});}\n"
  "Array.prototype.forEach.call(document.querySelectorAll('table.sortable'),sortable);\n"
  /* A link may carry a search: report.html#search=EX1. */
  "var m=/^#search=(.*)$/.exec(location.hash);\n"
  "if(m){var s=document.getElementById('search');s.value=decodeURIComponent(m[1]);\n"
  " s.dispatchEvent(new Event('input'));}\n"
  "document.getElementById('filter').addEventListener('input',function(e){\n"
  " var q=fold(e.target.value.trim());\n"
  " Array.prototype.forEach.call(document.getElementById('inventory').tBodies[0].rows,"
  "function(r){r.classList.toggle('hidden',q!==''&&fold(r.textContent).indexOf(q)<0);});});\n"
  "})();\n";

static void
cell (GString    *out,
      const char *text)
{
  g_string_append (out, "<td>");
  extopo_markup_append_escaped (out, text);
  g_string_append (out, "</td>");
}

static gboolean
flush (GString *out,
       FILE    *stream)
{
  gboolean ok = out->len == 0 || fwrite (out->str, 1, out->len, stream) == out->len;

  g_string_truncate (out, 0);

  return ok;
}

static const char *
status_class (ExtopoStatus status)
{
  switch (status)
    {
    case EXTOPO_STATUS_OK:
      return "status-ok";
    case EXTOPO_STATUS_WARNING:
      return "status-warning";
    case EXTOPO_STATUS_ERROR:
      return "status-error";
    case EXTOPO_STATUS_UNSUPPORTED:
    default:
      return "status-unsupported";
    }
}

static void
write_head (GString     *out,
            ExtopoScene *scene,
            ExtopoModel *model)
{
  ExtopoReadiness readiness = { 0 };
  g_autofree char *line = extopo_scene_date_line (model);

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
                   "<meta name=\"generator\" content=\"" PACKAGE_NAME " " PACKAGE_VERSION "\">\n"
                   "<title>");
  extopo_markup_append_escaped (out, scene->title);
  g_string_append_printf (out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>",
                          html_style);
  extopo_markup_append_escaped (out, scene->title);
  g_string_append (out, "</h1>\n<p class=\"meta\">");
  extopo_markup_append_escaped (out, line);
  g_string_append (out, "</p>\n");

  extopo_readiness_compute (model, &readiness);
  g_string_append_printf (out, "<p class=\"verdict %s\" id=\"verdict\">",
                          status_class (extopo_readiness_get_status (&readiness)));
  extopo_markup_append_escaped (out, readiness.summary);
  g_string_append (out, "</p>\n");
  if (readiness.reasons != NULL)
    {
      g_auto(GStrv) reasons = g_strsplit (readiness.reasons, "\n", -1);

      g_string_append (out, "<ul>\n");
      for (guint i = 0; reasons[i] != NULL; i++)
        {
          g_string_append (out, "<li>");
          extopo_markup_append_escaped (out, reasons[i]);
          g_string_append (out, "</li>\n");
        }
      g_string_append (out, "</ul>\n");
    }
  extopo_readiness_clear (&readiness);
  g_string_append (out, "</header>\n");
}

static void
write_diagram_head (GString *out)
{
  g_string_append (out, "<section>\n<h2>");
  extopo_markup_append_escaped (out, _("Diagram"));
  g_string_append (out, "</h2>\n<div class=\"toolbar\"><input id=\"search\" type=\"search\" "
                   "placeholder=\"");
  extopo_markup_append_escaped (out, _("Find a server, group or connector"));
  g_string_append (out, "\"> <button id=\"zoom-out\">−</button> <button id=\"zoom-in\">+</button> "
                   "<button id=\"fit\">");
  extopo_markup_append_escaped (out, _("Fit"));
  g_string_append (out, "</button> <span id=\"matches\" class=\"meta\"></span></div>\n"
                   "<div id=\"view\">\n");
}

static void
header_row (GString            *out,
            const char * const *columns)
{
  g_string_append (out, "<thead><tr>");
  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_string_append (out, "<th>");
      extopo_markup_append_escaped (out, columns[i]);
      g_string_append (out, "</th>");
    }
  g_string_append (out, "</tr></thead>\n<tbody>\n");
}

static void
write_findings (GString     *out,
                ExtopoModel *model)
{
  GPtrArray *findings = extopo_model_get_findings (model);
  const char *columns[] = {
    _("Severity"), _("ID"), _("Object"), _("Finding"), _("Fix"), NULL
  };

  g_string_append (out, "<section>\n<h2>");
  /* Translators: a heading of the HTML report; %u is how many. */
  g_string_append_printf (out, _("Findings (%u)"), findings->len);
  g_string_append (out, "</h2>\n<table class=\"sortable\" id=\"findings\">\n");
  header_row (out, columns);
  for (guint i = 0; i < findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (findings, i);
      const char *object = finding->subject != NULL
                           ? extopo_model_object_get_name (finding->subject_kind, finding->subject)
                           : finding->subject_dn;
      const char *severity = extopo_severity_to_string (finding->severity);

      g_string_append_printf (out, "<tr><td class=\"severity-%s\">", severity);
      extopo_markup_append_escaped (out, severity);
      g_string_append (out, "</td>");
      cell (out, finding->id);
      cell (out, object);
      cell (out, finding->message);
      cell (out, finding->remedy);
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n</section>\n");
}

static void
write_inventory (GString     *out,
                 ExtopoModel *model,
                 FILE        *stream,
                 gboolean    *ok)
{
  GPtrArray *servers = extopo_model_get_servers (model);
  const char *columns[] = {
    _("Name"), _("FQDN"), _("Product"), _("Version"), _("Service pack"), _("Roles"),
    _("Administrative group"), _("Routing group"), _("Site"), _("Status"), _("Findings"), NULL
  };

  g_string_append (out, "<section>\n<h2>");
  /* Translators: a heading of the HTML report; %u is how many. */
  g_string_append_printf (out, _("Servers (%u)"), servers->len);
  g_string_append (out, "</h2>\n<div class=\"toolbar\"><input id=\"filter\" type=\"search\" "
                   "placeholder=\"");
  extopo_markup_append_escaped (out, _("Filter the servers"));
  g_string_append (out, "\"></div>\n<table class=\"sortable\" id=\"inventory\">\n");
  header_row (out, columns);
  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);
      g_autofree char *version = extopo_version_to_string (&server->version);
      g_autofree char *sp = server->version.known && server->version.service_pack >= 0
                            ? g_strdup_printf ("%d", server->version.service_pack) : NULL;
      g_autofree char *roles = extopo_roles_to_display_text (server->roles,
                                                             server->version.product);
      GString *ids = g_string_new (NULL);

      for (guint j = 0; server->findings != NULL && j < server->findings->len; j++)
        g_string_append_printf (ids, "%s%s", j > 0 ? " " : "",
                                ((ExtopoFinding *) g_ptr_array_index (server->findings, j))->id);
      g_string_append (out, "<tr>");
      cell (out, server->name);
      cell (out, server->fqdn);
      cell (out, extopo_product_get_name (server->version.product));
      cell (out, version);
      cell (out, sp);
      cell (out, roles);
      cell (out, server->admin_group != NULL ? server->admin_group->name : NULL);
      cell (out, server->routing_group != NULL ? server->routing_group->name : NULL);
      cell (out, server->site_name);
      cell (out, extopo_status_to_string (server->status));
      cell (out, ids->str);
      g_string_append (out, "</tr>\n");
      g_string_free (ids, TRUE);
      if (out->len >= (1 << 20))
        *ok = flush (out, stream) && *ok;
    }
  g_string_append (out, "</tbody>\n</table>\n</section>\n");
}

gboolean
extopo_html_report_write (ExtopoScene                 *scene,
                          ExtopoModel                 *model,
                          const struct _ExtopoHistory *history,
                          FILE                        *stream)
{
  g_autoptr(GString) out = g_string_sized_new (1 << 16);
  gboolean ok = TRUE;

  g_return_val_if_fail (scene != NULL, FALSE);
  g_return_val_if_fail (EXTOPO_IS_MODEL (model), FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);

  write_head (out, scene, model);
  write_diagram_head (out);
  ok = flush (out, stream) && ok;
  ok = extopo_svg_write_element (scene, stream) && ok;
  g_string_append (out, "</div>\n</section>\n");
  if (history != NULL)
    {
      ok = flush (out, stream) && ok;
      ok = extopo_history_write_html_section (history, stream) && ok;
    }
  write_findings (out, model);
  ok = flush (out, stream) && ok;
  write_inventory (out, model, stream, &ok);
  g_string_append_printf (out, "<script>\n%s</script>\n</body>\n</html>\n", html_script);
  ok = flush (out, stream) && ok;

  return ok;
}
