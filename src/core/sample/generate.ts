import {
  INCOMPLETE_HAS_COMPLETED_AT,
  SAMPLE_PUBLISH_TYPES,
  STATE_COMPLETED,
  STATE_INCOMPLETE,
  V1_DATE_FORMAT,
  V1_FILE_UPLOAD_AS_URL,
  V1_KEYS,
  V1_VALUES_ARE_STRINGS,
} from '../assumptions.js';
import type { FormItem, FormResponse, Optin, ParticipationV2, Question } from '../payload/v2.js';
import { Rng } from './rng.js';

export type SampleState = 'complete' | 'incomplete';

/** A value of the flat 1.0 payload: text while 1.0 is assumed to have sent every value as a string. */
export type V1Value = typeof V1_VALUES_ARE_STRINGS extends true ? string : string | number;

/** A 2.0 participation and, for a complete one, the 1.0 payload of the same participation. */
export interface SamplePair {
  v2: ParticipationV2;
  /** The flat 1.0 payload; undefined for incomplete participations (1.0 never sent those [doc]). */
  v1: Record<string, V1Value> | undefined;
}

/** Test ids start with 7E57 ("TEST") so no receiver mistakes them for real participations. */
export const TEST_ID_PREFIX = '7E57';
export const TEST_EMAIL_DOMAIN = 'example.com';
export const TEST_LASTNAME = 'qwh test';

const FIRST_NAMES = [
  'Alice',
  'Bruno',
  'Chloé',
  'Dries',
  'Zoë',
  'Søren',
  'Ana-María',
  'Farid',
  'Łucja',
  'Noé',
];
const DOG_NAMES = ['Rex', 'Fifi', 'Médor', 'Bella', 'Ollie', 'Kaï'];
const COLOURS = [
  { value: 'R', label: 'Red' },
  { value: 'G', label: 'Green' },
  { value: 'B', label: 'Blue' },
];
const GENDERS = [
  { value: 'F', label: 'Female' },
  { value: 'M', label: 'Male' },
  { value: 'X', label: 'Other' },
];
const DEVICES = [
  {
    device: 'desktop',
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  },
  {
    device: 'mobile',
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  },
  {
    device: 'tablet',
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  },
];
const WEBSITES = [
  { id: 990001, name: 'qwh test website', domain: 'qwh-test.example', country: 'BE' },
  { id: 990002, name: 'qwh test site FR', domain: 'fr.qwh-test.example', country: 'FR' },
];
const CAMPAIGNS = [
  { id: 9900101, name: 'qwh test — Summer quiz', type: 'QUIZZ' },
  { id: 9900102, name: 'qwh test — Photo contest', type: 'PHOTO CONTEST' },
];

/** Epoch of every sample: fixed so that output is byte-identical across runs and machines. */
const EPOCH_MS = Date.UTC(2026, 0, 5, 8, 0, 0);

function uuid(rng: Rng): string {
  return `${TEST_ID_PREFIX}${rng.hex(4, true)}-${rng.hex(4, true)}-4${rng.hex(3, true)}-${rng.pick(['8', '9', 'A', 'B'])}${rng.hex(3, true)}-${rng.hex(12, true)}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** 1.0 date text in the assumed V1_DATE_FORMAT, UTC. */
function v1Date(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  const parts: Record<string, string> = {
    YYYY: String(d.getUTCFullYear()),
    MM: two(d.getUTCMonth() + 1),
    DD: two(d.getUTCDate()),
    HH: two(d.getUTCHours()),
    mm: two(d.getUTCMinutes()),
    ss: two(d.getUTCSeconds()),
  };
  return V1_DATE_FORMAT.replace(/YYYY|MM|DD|HH|mm|ss/g, (t) => parts[t] ?? t);
}

/** A number as the 1.0 payload carried it (text, under V1_VALUES_ARE_STRINGS). */
function v1Value(n: number): V1Value {
  // The conditional type is the constant's own: this cast only restates it for the compiler.
  return (V1_VALUES_ARE_STRINGS ? String(n) : n) as V1Value;
}

/** The 1.0 value of a form answer: its value, or the file URL of an upload (V1_FILE_UPLOAD_AS_URL). */
export function v1Answer(r: FormResponse | undefined): string {
  if (r?.value !== undefined) return r.value;
  return V1_FILE_UPLOAD_AS_URL && r?.file ? r.file.path : '';
}

/**
 * Generates one realistic participation from a seed: the same seed always gives the same
 * payloads, with obviously fake people (qwh test, @example.com) and ids that say test.
 */
export function generateSample(seed: number, state: SampleState = 'complete'): SamplePair {
  const rng = new Rng(seed);
  const website = rng.pick(WEBSITES);
  const campaign = rng.pick(CAMPAIGNS);
  const browser = rng.pick(DEVICES);
  const startedMs = EPOCH_MS + rng.int(0, 60 * 24 * 3600) * 1000 + rng.int(0, 999);
  const completedMs = startedMs + rng.int(20, 900) * 1000 + rng.int(0, 999);
  const firstname = rng.pick(FIRST_NAMES);
  const tag = rng.hex(6);
  const email = `qwh.test+${tag}@${TEST_EMAIL_DOMAIN}`;
  const gender = rng.pick(GENDERS);
  const colour = rng.pick(COLOURS);
  const dog = rng.pick(DOG_NAMES);
  const birthYear = rng.int(1950, 2005);
  const birthdate = `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const photoName = `qwh-test-photo-${tag}.jpg`;
  const photoPath = `https://files.qwh-test.example/uploads/${tag}/${photoName}`;
  // Upper case, like the published example's channel uuid.
  const channelUuid = `${TEST_ID_PREFIX}${rng.hex(4, true)}-${rng.hex(4, true)}-4${rng.hex(3, true)}-A${rng.hex(3, true)}-${rng.hex(12, true)}`;
  // One published version of the example has no website id: receivers must not need it.
  const withWebsiteId = rng.bool(0.75);

  const form: FormItem[] = [
    {
      id: 1,
      label: 'Last name',
      type: 'LASTNAME',
      variable: 'lastname',
      responses: [{ value: TEST_LASTNAME }],
    },
    {
      id: 2,
      label: 'First name',
      type: 'FIRSTNAME',
      variable: 'firstname',
      responses: [{ value: firstname }],
    },
    { id: 3, label: 'E-mail', type: 'EMAIL', variable: 'email', responses: [{ value: email }] },
    {
      id: 4,
      label: 'Gender',
      type: 'GENDER',
      variable: 'gender',
      responses: [{ label: gender.label, value: gender.value }],
    },
    {
      id: 5,
      label: 'Date of birth',
      type: 'BIRTHDATE',
      variable: 'birthdate',
      responses: [{ value: birthdate }],
    },
    // Two items share id 6: the 2.0 docs' own example does this, so ids are never used as keys.
    {
      id: 6,
      label: "Your dog's name",
      type: 'ALPHA NUMERIC',
      variable: 'dog_name',
      responses: [{ value: dog }],
    },
    {
      id: 6,
      label: 'Favourite colour',
      type: 'DROPDOWN',
      variable: 'favourite_colour',
      responses: [{ label: colour.label, value: colour.value }],
    },
    {
      id: 7,
      label: 'Your photo',
      type: 'FILE UPLOAD',
      variable: 'photo',
      // A FILE UPLOAD response is only { file } [doc]: no value.
      responses: [{ file: { path: photoPath, name: photoName, type: 'image/jpeg' } }],
    },
  ];

  const newsletter = rng.pick(['1', '0'] as const);
  const partners = rng.pick(['1', '0', ''] as const);
  const optins: Optin[] = [
    {
      id: 11,
      label: 'Newsletter',
      description: 'I want to receive the qwh test newsletter',
      response: newsletter,
      variable: 'my_newsletter',
      categories: [
        {
          id: 21,
          label: 'Sports',
          technicalName: 'sports',
          parent: { id: 20, label: 'Topics', technicalName: 'topics' },
        },
        {
          id: 22,
          label: 'Culture',
          technicalName: 'culture',
          parent: { id: 20, label: 'Topics', technicalName: 'topics' },
        },
      ],
    },
    {
      id: 12,
      label: 'Partner offers',
      description: 'I accept offers from qwh test partners',
      response: partners,
      variable: 'partner_offers',
      categories: [],
    },
  ];

  const capitalRight = rng.bool(0.7);
  const matrixScore = rng.int(0, 4);
  const questionnaire: Question[] = [
    {
      id: 31,
      label: 'What is the capital of Belgium?',
      type: 'MULTIPLE CHOICE',
      score: capitalRight ? 10 : 0,
      maxScore: 10,
      variable: 'q_capital',
      responses: [
        {
          value: capitalRight ? 'Brussels' : rng.pick(['Antwerp', 'Ghent', 'Liège']),
          score: capitalRight ? 10 : 0,
          isCorrect: capitalRight,
        },
      ],
    },
    {
      id: 32,
      label: 'Rate these flavours',
      type: 'MATRIX',
      score: matrixScore,
      maxScore: 4,
      variable: 'q_flavours',
      responses: [
        { value: `vanilla:${rng.int(1, 5)}`, score: Math.min(matrixScore, 2) },
        { value: `chocolate:${rng.int(1, 5)}`, score: Math.max(matrixScore - 2, 0) },
      ],
    },
    {
      id: 33,
      label: 'Tell us why, in one sentence',
      type: 'ALPHA NUMERIC',
      score: 0,
      maxScore: 0,
      variable: 'q_why',
      responses: [
        { value: rng.pick(['Because quizzes are fun!', 'Pour gagner 🎁', 'Just testing qwh']) },
      ],
    },
  ];

  const complete = state === 'complete';
  const v2: ParticipationV2 = {
    id: uuid(rng),
    ip: rng.hex(16, true),
    url: `https://${website.domain}/campaigns/${campaign.id}?qwh-test=1`,
    startedAt: iso(startedMs),
    ...(complete || INCOMPLETE_HAS_COMPLETED_AT ? { completedAt: iso(completedMs) } : {}),
    state: complete ? STATE_COMPLETED : STATE_INCOMPLETE,
    browser: { ...browser },
    campaign: {
      id: campaign.id,
      name: campaign.name,
      themes: [{ code: 'QWH_TEST', description: 'qwh test theme' }],
      type: campaign.type,
      channel: {
        uuid: channelUuid,
        publishType: rng.pick(SAMPLE_PUBLISH_TYPES),
        dateStart: iso(EPOCH_MS - 7 * 24 * 3600 * 1000),
        dateEnd: iso(EPOCH_MS + 90 * 24 * 3600 * 1000),
        website: withWebsiteId
          ? { ...website }
          : { name: website.name, domain: website.domain, country: website.country },
      },
    },
    // An incomplete participation stopped part-way through the form and the questions.
    form: complete ? form : form.slice(0, 3),
    optins: complete ? optins : [],
    questionnaire: complete ? questionnaire : questionnaire.slice(0, 1),
  };

  if (!complete) return { v2, v1: undefined };

  const v1: Record<string, V1Value> = {
    [V1_KEYS.participationId]: v2.id,
    [V1_KEYS.participationDate]: v1Date(startedMs),
    [V1_KEYS.campaignId]: v1Value(campaign.id),
    [V1_KEYS.campaignTitle]: campaign.name,
    [V1_KEYS.websiteId]: v1Value(website.id),
    [V1_KEYS.websiteName]: website.name,
  };
  for (const item of form) v1[item.variable] = v1Answer(item.responses[0]);
  for (const o of optins) v1[o.variable] = o.response;
  return { v2, v1 };
}
