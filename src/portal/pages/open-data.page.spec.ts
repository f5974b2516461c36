import { DATASET_FIELDS, OPEN_DATA_LICENCE } from '../../open-data/dataset-fields';
import { DATASETS } from '../../open-data/open-data.service';
import { openDataPage } from './open-data.page';

const datasets = Object.entries(DATASETS).map(([name, description]) => ({ name, description, fields: DATASET_FIELDS[name] ?? [] }));

describe('openDataPage', () => {
  it('documents every listed dataset field by field', () => {
    const page = openDataPage({ datasets, licence: OPEN_DATA_LICENCE });
    for (const d of datasets) {
      expect(d.fields.length).toBeGreaterThan(0);
      expect(page).toContain(`<h2 id="dataset-${d.name}">`);
      for (const [column] of d.fields) expect(page).toContain(`<th scope="row"><code>${column}</code></th>`);
    }
  });

  it('says so when a dataset has no field notes yet, and escapes what it prints', () => {
    const page = openDataPage({ datasets: [{ name: 'new_set', description: '<b>新数据</b>', fields: [] }], licence: '许可<script>' });
    expect(page).toContain('字段说明待补充');
    expect(page).toContain('&lt;b&gt;新数据&lt;/b&gt;');
    expect(page).toContain('许可&lt;script&gt;');
    expect(page).not.toContain('<script');
    expect(page).toContain('href="/public/open-data/new_set.csv"');
  });
});
