// The dashboard's script: every number comes from the gateway's GraphQL API, asked with the caller's token.
(() => {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get('token')) sessionStorage.setItem('convergence-token', params.get('token'));
  $('token').value = sessionStorage.getItem('convergence-token') || '';
  for (let sdg = 1; sdg <= 17; sdg++) $('sdg').add(new Option(`SDG ${sdg}`, String(sdg)));

  const charts = {};
  const chart = (id) => {
    charts[id] ??= echarts.init($(id));
    return charts[id];
  };
  window.addEventListener('resize', () => {
    for (const c of Object.values(charts)) c.resize();
  });

  async function ask(query, variables) {
    const token = $('token').value.trim();
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data;
  }

  const QUERY = `query Dashboard($filter: KpiFilter) {
    learningStats(filter: $filter) {
      kpis { enrolments completions completionRate medianDaysToCompletion learningHoursCompleted
             staffCompletionShare credentialsIssued recognisedCount recognisedHours courses }
      sdgsCovered
      perAgency { code kpis { completions learningHoursCompleted completionRate } rating { average responses } }
    }
    byMonth: learningBreakdown(by: MONTH, filter: $filter) { rows { key kpis { completionRate completions } } }
    bySdg: learningBreakdown(by: SDG, filter: $filter) { rows { key kpis { enrolments } } }
    harvestFreshness { code lastSuccessAt lagSeconds items }
  }`;

  const filter = () => {
    const f = {};
    if ($('agency').value) f.agencies = [$('agency').value];
    if ($('sdg').value) f.sdgs = [Number($('sdg').value)];
    if ($('from').value) f.completedFrom = `${$('from').value}T00:00:00Z`;
    if ($('to').value) f.completedTo = `${$('to').value}T23:59:59Z`;
    return f;
  };

  const fmt = (v, digits = 0) => (v === null || v === undefined ? '–' : Number(v).toFixed(digits));
  const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)} %`);

  function renderKpis(stats) {
    const k = stats.kpis;
    const items = [
      ['enrolments', 'Enrolments', fmt(k.enrolments)],
      ['completions', 'Completions', fmt(k.completions)],
      ['completionRate', 'Completion rate', pct(k.completionRate)],
      ['medianDaysToCompletion', 'Median days to completion', fmt(k.medianDaysToCompletion)],
      ['learningHoursCompleted', 'Learning hours completed', fmt(k.learningHoursCompleted, 1)],
      ['staffCompletionShare', 'Staff with ≥ 1 completion', pct(k.staffCompletionShare)],
      ['credentialsIssued', 'Credentials issued', fmt(k.credentialsIssued)],
      ['recognisedCount', 'Recognised external learning', fmt(k.recognisedCount)],
      ['recognisedHours', 'Recognised hours', fmt(k.recognisedHours, 1)],
      ['courses', 'Courses', fmt(k.courses)],
      ['sdgsCovered', 'SDGs covered', fmt(stats.sdgsCovered)],
    ];
    $('kpis').replaceChildren(
      ...items.map(([key, name, value]) => {
        const div = document.createElement('div');
        div.className = 'kpi';
        div.dataset.kpi = key;
        div.innerHTML = '<div class="value"></div><div class="name"></div>';
        div.querySelector('.value').textContent = value;
        div.querySelector('.name').textContent = name;
        return div;
      }),
    );
  }

  const bar = (title, labels, values, extra = {}) => ({
    title: { text: title, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, bottom: 48, top: 40 },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: labels.length > 8 ? 45 : 0 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: values, ...extra }],
  });

  function renderCharts(data) {
    const months = data.byMonth.rows;
    chart('chart-completion').setOption(
      {
        ...bar(
          'Completion rate by enrolment month (%)',
          months.map((r) => r.key),
          months.map((r) => (r.kpis.completionRate === null ? null : Math.round(r.kpis.completionRate * 1000) / 10)),
        ),
        series: [
          {
            type: 'line',
            data: months.map((r) =>
              r.kpis.completionRate === null ? null : Math.round(r.kpis.completionRate * 1000) / 10,
            ),
          },
        ],
      },
      true,
    );
    const sdgs = data.bySdg.rows;
    chart('chart-sdg').setOption(
      bar(
        'Enrolments by SDG',
        sdgs.map((r) => `SDG ${r.key}`),
        sdgs.map((r) => r.kpis.enrolments),
      ),
      true,
    );
    const agencies = data.learningStats.perAgency;
    chart('chart-hours').setOption(
      bar(
        'Learning hours completed',
        agencies.map((a) => a.code),
        agencies.map((a) => a.kpis.learningHoursCompleted),
      ),
      true,
    );
    chart('chart-ratings').setOption(
      bar(
        'Average rating (1–5)',
        agencies.map((a) => a.code),
        agencies.map((a) => a.rating.average),
      ),
      true,
    );
    const fresh = data.harvestFreshness;
    chart('chart-freshness').setOption(
      bar(
        'Minutes since last harvest',
        fresh.map((f) => f.code),
        fresh.map((f) => (f.lagSeconds === null ? null : Math.round(f.lagSeconds / 6) / 10)),
      ),
      true,
    );
  }

  let loading = 0;
  async function load() {
    const mine = ++loading;
    $('status').className = '';
    $('status').textContent = 'Loading…';
    try {
      const data = await ask(QUERY, { filter: filter() });
      if (mine !== loading) return;
      const agencySelect = $('agency');
      if (agencySelect.options.length === 1) {
        for (const f of data.harvestFreshness) agencySelect.add(new Option(f.code.toUpperCase(), f.code));
      }
      renderKpis(data.learningStats);
      renderCharts(data);
      $('status').textContent = `As of the latest harvests; ${data.learningStats.perAgency.length} agencies.`;
      document.body.dataset.loaded = String(mine);
    } catch (error) {
      if (mine !== loading) return;
      $('status').className = 'error';
      $('status').textContent = `Could not load the KPIs: ${error.message}`;
      document.body.dataset.loaded = String(mine);
    }
  }

  for (const id of ['agency', 'sdg', 'from', 'to']) $(id).addEventListener('change', load);
  $('token').addEventListener('change', () => {
    sessionStorage.setItem('convergence-token', $('token').value.trim());
    load();
  });
  load();
})();
