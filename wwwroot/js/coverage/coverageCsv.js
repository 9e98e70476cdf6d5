// The proposal as CSV: the districts' figures, then each candidate site's effect per district.

const HEADER = ['section', 'site', 'lat', 'lon', 'district', 'name', 'residents', 'clubs', 'clubs_per_10k',
  'area_share_1km', 'area_share_2km', 'residents_within_1km', 'rank', 'new_residents_within_1km', 'rank_after'];

function quote(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function coverageCsv(report, sites, answers) {
  const rows = [HEADER];
  for (const d of report.districts) {
    rows.push(['district', '', '', '', d.number, d.name, d.residents, d.clubs, d.clubsPer10k,
      d.areaShare1km, d.areaShare2km, d.residentsWithin1km, d.rank, '', '']);
  }
  (answers ?? []).forEach(function addSite(answer, index) {
    for (const d of answer.byDistrict) {
      rows.push(['site', index + 1, sites[index]?.lat, sites[index]?.lon, d.number, d.name, '', '', '', '', '', '',
        d.rankBefore, d.newResidentsWithin1km, d.rankAfter]);
    }
  });
  return rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

export function download(text, fileName) {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(function onDownloadStarted() {
    URL.revokeObjectURL(url);
  }, 1000);
}
