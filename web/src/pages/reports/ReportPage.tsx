import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Row, Select, Skeleton, Space, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, call, download, type Schemas } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { formatNumber, formatPercent } from '../../components/format';
import { todayInBeijing } from '../records/resultsLabels';
import { useServerToday } from '../records/useServerToday';
import { ReportChart } from './ReportChart';

type Report = Schemas['AnnualReportDto'];
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

function charts(r: Report) {
  const byResult = r.randomInspections.checksByResult.filter((c) => c.count > 0);
  const pub = r.publication;
  const slices = [
    { name: '按期公示', value: pub.onTime, itemStyle: { color: '#15803d' } },
    { name: '超期公示', value: pub.late, itemStyle: { color: '#b91c1c' } },
    { name: '待公示', value: pub.pending, itemStyle: { color: '#a16207' } },
  ];
  return {
    byResult: {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: byResult.map((c) => c.label), axisLabel: { width: 200, overflow: 'truncate' } },
      series: [{ type: 'bar', name: '检查次数', data: byResult.map((c) => c.count), barMaxWidth: 28, itemStyle: { color: '#1d4ed8' }, label: { show: true, position: 'right' } }],
    },
    onTime: {
      tooltip: { trigger: 'item', formatter: '{b}：{c} 条（{d}%）' },
      // Counts in the legend (slice labels of small slices overlap and get cut at this width).
      legend: { bottom: 0, data: slices.map((d) => d.name), formatter: (name: string) => `${name} ${slices.find((d) => d.name === name)?.value ?? 0} 条` },
      series: [{ type: 'pie', radius: ['40%', '65%'], center: ['50%', '42%'], label: { show: false }, data: slices }],
    },
    byMonth: {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: MONTHS },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: '检查次数', data: r.randomInspections.checksByMonth, barMaxWidth: 40, itemStyle: { color: '#0f766e' }, label: { show: true, position: 'top', formatter: (p: { value: number }) => (p.value ? String(p.value) : '') } }],
    },
  };
}

/** 年度报告: a year's figures, charts, the generated paragraph, and the DOCX/XLSX files. */
export default function ReportPage() {
  const thisYear = Number((useServerToday() ?? todayInBeijing()).slice(0, 4));
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? thisYear) || thisYear;
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'docx' | 'xlsx' | null>(null);
  const report = useQuery({ queryKey: ['report', year], queryFn: () => call(api.GET('/reports/annual', { params: { query: { year } } })) });
  const options = useMemo(() => (report.data ? charts(report.data) : null), [report.data]);

  const save = async (kind: 'docx' | 'xlsx') => {
    setBusy(kind);
    try {
      await download(`/reports/annual.${kind}?year=${year}`, `${year}年度报告.${kind}`);
    } catch (err) {
      void message.error(err instanceof Error ? err.message : '下载失败');
    } finally {
      setBusy(null);
    }
  };

  const years = Array.from({ length: thisYear - 2014 }, (_, i) => thisYear - i);
  const head = (
    <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
      <Form layout="inline">
        <Form.Item label="年度" htmlFor="report-year" style={{ marginBottom: 0 }}>
          <Select id="report-year" style={{ width: 120 }} value={year} options={years.map((y) => ({ value: y, label: `${y} 年` }))} onChange={(v: number) => setParams({ year: String(v) })} />
        </Form.Item>
      </Form>
      <Space wrap>
        <Button onClick={() => void save('docx')} loading={busy === 'docx'} disabled={!report.data}>下载 Word（DOCX）</Button>
        <Button onClick={() => void save('xlsx')} loading={busy === 'xlsx'} disabled={!report.data}>下载 Excel（XLSX）</Button>
      </Space>
    </Space>
  );
  if (report.isPending) return <>{head}<Skeleton active /></>;
  if (report.isError) return <>{head}<ErrorResult error={report.error} onRetry={() => void report.refetch()} /></>;
  const r = report.data;
  const ri = r.randomInspections;
  const pub = r.publication;
  const o = options!;

  return (
    <>
      {head}
      <Typography.Paragraph type="secondary">
        {r.department.name} · {r.year} 年 · 数据截至 {r.asOf}（北京时间）；待公示、未整改等数字为截至当日的情况。
      </Typography.Paragraph>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {[
          { t: '抽查计划', v: formatNumber(ri.plans), s: '个' },
          { t: '检查户次', v: formatNumber(ri.checks), s: '次' },
          { t: '检查对象', v: formatNumber(ri.entitiesChecked), s: '家' },
          { t: '发现问题', v: formatNumber(ri.problemsFound), s: '户' },
          { t: '按期公示率', v: formatPercent(pub.onTimeRate === null ? null : pub.onTimeRate / 100), s: '' },
          { t: '法制审核', v: formatNumber(r.legalReview.total), s: '次' },
        ].map((f) => (
          <Col key={f.t} xs={12} md={8} xl={4}>
            <Card size="small"><Statistic title={f.t} value={f.v} suffix={f.s} /></Card>
          </Col>
        ))}
      </Row>
      <Card title="报告段落（自动生成）" size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph copyable style={{ fontSize: 15, lineHeight: 1.9, marginBottom: 0 }} data-testid="report-paragraph">{r.paragraph}</Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={12}>
          <Card title="检查结果分布" size="small">
            {ri.checks ? <ReportChart option={o.byResult} label={`检查结果分布：${ri.checksByResult.filter((c) => c.count).map((c) => `${c.label}${c.count}次`).join('，')}`} /> : <Empty description="本年度没有审批通过的检查" />}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card title="检查结果公示是否按期" size="small">
            {pub.published + pub.pending ? <ReportChart option={o.onTime} label={`按期公示${pub.onTime}条，超期公示${pub.late}条，待公示${pub.pending}条`} /> : <Empty description="本年度没有需要公示的结果" />}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card title="责令整改" size="small">
            <Descriptions column={1} size="small" items={[
              { key: 'o', label: '责令改正', children: `${formatNumber(ri.rectification.orders)} 件` },
              { key: 't', label: '按期整改', children: `${formatNumber(ri.rectification.rectifiedOnTime)} 件` },
              { key: 'l', label: '逾期整改', children: `${formatNumber(ri.rectification.rectifiedLate)} 件` },
              { key: 'p', label: '尚未整改', children: `${formatNumber(ri.rectification.open)} 件` },
            ]} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title="各月检查次数（按检查日期）" size="small">
            <ReportChart option={o.byMonth} height={240} label={`各月检查次数：${ri.checksByMonth.map((n, i) => `${i + 1}月${n}次`).join('，')}`} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="公示" size="small">
            <Descriptions column={1} size="small" items={[
              { key: 'p', label: '已公示', children: `${formatNumber(pub.published)} 条（按期 ${formatNumber(pub.onTime)}，超期 ${formatNumber(pub.late)}）` },
              { key: 'w', label: '待公示', children: `${formatNumber(pub.pending)} 条` },
              { key: 'x', label: '推送监管平台', children: pub.platformPush.available ? `检查结果 ${formatNumber(pub.platformPush.resultsPushed)} 条（${pub.platformPush.platforms.map((x) => `${x.name} ${formatNumber(x.results)} 条`).join('、') || '未推送'}）；投递成功 ${formatNumber(pub.platformPush.delivered)} 次，失败 ${formatNumber(pub.platformPush.failed)} 次，待推送 ${formatNumber(pub.platformPush.pending)} 次` : '未启用' },
            ]} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="执法人员" size="small">
            <Descriptions column={1} size="small" items={[
              { key: 'c', label: '持证执法人员', children: `${formatNumber(r.inspectors.certified)} 人` },
              { key: 'h', label: '培训学时', children: `合计 ${formatNumber(r.inspectors.trainingHoursTotal)}，人均 ${formatNumber(r.inspectors.trainingHoursAverage)}` },
              { key: 't', label: `达到 ${r.inspectors.trainingThresholdHours} 学时并通过考试`, children: `${formatNumber(r.inspectors.trainedAndPassed)} 人` },
            ]} />
          </Card>
        </Col>
      </Row>
      {!ri.casesTracked && <Alert type="info" showIcon style={{ marginTop: 16 }} title="本系统尚未记录立案案件，立案数不计入报告。" />}
    </>
  );
}
