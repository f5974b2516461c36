require('reflect-metadata');
const http = require('node:http');
const { NestFactory } = require('@nestjs/core');
const { Module, Controller, Get, Query } = require('@nestjs/common');
const body = { items: Array.from({ length: 1 }, (_, i) => ({ id: '00000000-0000-4000-8000-000000000001', version: 1, status: 'published', publishedAt: '2024-05-20T02:00:00.000Z', result: { entity: { name: '诺康康康2有限公司', uscc: '91120116000000021X', address: '天津市滨海新区某路2号' }, department: { id: 'x', name: '基准公开局' }, items: [{ code: 'SJ-001', name: '实验动物许可情况的检查', legalBasis: '《实验动物管理条例》' }], planId: 'x', drawId: 'x', inspectionDate: '2024-05-10', inspectors: [{ name: '张三', certificateNumber: '12010001' }], results: [{ code: 'NO_PROBLEM', label: '未发现问题' }], rectification: { ordered: 0, rectified: 0, open: 0 } }, correctionReason: null, withdrawn: null })), meta: { totalCount: 1, pageNumber: 1, pageSize: 20, totalPages: 1, extractDate: '2026-11-25' } };
const mode = process.env.MODE;
if (mode === 'bare') {
  http.createServer((req, res) => { new URL(req.url, 'http://x'); setImmediate(() => { res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }); res.end(JSON.stringify(body)); }); }).listen(3990);
} else if (mode === 'express') {
  const express = require('express'); const app = express();
  app.get('/public/results', (req, res) => { req.query; setImmediate(() => res.json(body)); });
  app.listen(3990);
} else {
  class C { results(q) { return new Promise((r) => setImmediate(() => r(body))); } }
  Controller('public')(C); 
  const d = Object.getOwnPropertyDescriptor(C.prototype, 'results');
  Get('results')(C.prototype, 'results', d);
  Query()(C.prototype, 'results', 0);
  class M {} Module({ controllers: [C] })(M);
  NestFactory.create(M, { logger: false }).then((app) => app.listen(3990));
}
