// Writes an account file with N websites, each with a webhook 1.0 and a website push rule,
// plus N campaign rules: the shape of a large media group's account.
// Usage: node bench/gen-account.js <out.json> <N>
import { writeFileSync } from 'node:fs';

const [out, nArg] = process.argv.slice(2);
const n = Number(nArg);
const websites = [];
const webhooks = [
  {
    key: 'main',
    version: 1,
    scope: 'account',
    url: 'https://hooks.bench.example/q',
    enabled: true,
  },
];
const pushRules = [{ level: 'default', destination: 'main' }];
const campaigns = [];
for (let i = 1; i <= n; i++) {
  websites.push({ id: i, name: `Site ${i}` });
  webhooks.push({
    key: `site-${i}`,
    version: 1,
    scope: { website: i },
    url: `https://hooks.bench.example/site/${i}`,
    enabled: true,
  });
  pushRules.push({ level: 'website', target: i, campaignMode: 'both', destination: `site-${i}` });
  campaigns.push({ id: 100000 + i, name: `Campaign ${i}`, websiteId: i });
  pushRules.push({
    level: 'campaign',
    target: 100000 + i,
    destination: i % 10 === 0 ? null : 'main',
  });
}
writeFileSync(
  out,
  JSON.stringify(
    {
      version: 1,
      account: { id: 1, name: 'Bench Media' },
      websites,
      campaigns,
      webhooks,
      pushRules,
    },
    null,
    2,
  ),
);
