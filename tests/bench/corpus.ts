/**
 * Realistic synthetic paper corpora for benchmarks (and for seeding 100k entries in E2E).
 *
 * Titles recombine words and model names from the real list with a medical/ML vocabulary;
 * invented model names and author surnames grow the vocabulary the way a real corpus does
 * (a fixed small vocabulary would flatter fuzzy matching). Deterministic for a given seed.
 */
import type { CatalogEntry, CatalogSnapshot, EntryLink, Paper } from '../../lib/types';
import { withAuthorList } from '../fixtures/authors';
import { titleKey } from '../../lib/title';

const MEDICAL = [
  'radiology', 'pathology', 'oncology', 'cardiology', 'dermatology', 'ophthalmology', 'genomics',
  'clinical', 'medical', 'biomedical', 'healthcare', 'patient', 'diagnosis', 'diagnostic',
  'prognosis', 'triage', 'surgery', 'surgical', 'chest', 'x-ray', 'CT', 'MRI', 'ultrasound',
  'mammography', 'histopathology', 'electronic health records', 'EHR', 'ICU', 'sepsis', 'stroke',
  'diabetes', 'cancer', 'tumor', 'lesion', 'pneumonia', 'COVID-19', 'Alzheimer\'s disease',
  'mental health', 'depression', 'psychiatry', 'pediatric', 'nursing', 'pharmacy', 'drug discovery',
  'protein', 'molecule', 'USMLE', 'medical licensing exam', 'discharge summaries', 'clinical notes',
  'radiology reports', 'medication', 'adverse events', 'rare diseases', 'traditional Chinese medicine',
  'emergency department', 'primary care', 'telemedicine', 'consultation', 'doctor', 'nurse',
  'gastrointestinal', 'endoscopy', 'retinal', 'fundus', 'echocardiography', 'ECG', 'EEG', 'biobank',
];
const ML = [
  'large language models', 'language model', 'LLM', 'foundation model', 'transformer',
  'vision-language', 'multimodal', 'instruction tuning', 'fine-tuning', 'pretraining',
  'retrieval-augmented generation', 'RAG', 'prompting', 'chain-of-thought', 'in-context learning',
  'reinforcement learning', 'RLHF', 'knowledge graph', 'agents', 'benchmark', 'evaluation',
  'hallucination', 'alignment', 'safety', 'bias', 'fairness', 'zero-shot', 'few-shot',
  'question answering', 'summarization', 'report generation', 'segmentation', 'classification',
  'contrastive learning', 'self-supervised', 'distillation', 'quantization', 'parameter-efficient',
  'LoRA', 'mixture-of-experts', 'dialogue', 'conversational', 'reasoning', 'explanations',
  'visual question answering', 'VQA', 'embedding', 'tokenizer', 'federated learning', 'privacy',
];
const TEMPLATES = [
  '{M}: {A} {ml} for {med}',
  '{A} {ml} for {med} {task}',
  'Towards {A} {med} {task} with {ml}',
  'Evaluating {ml} on {med} {task}',
  '{M}: Scaling {ml} for {med}',
  'Can {ml} {verb} {med}? A Study of {M}',
  '{M}-{size}: {A} {ml} for {med} and {med}',
  'A Survey of {ml} in {med}',
  '{real}',
  '{realHalf}: {A} {ml} for {med}',
  'Benchmarking {M} and {M} on {med} {task}',
];
const ADJECTIVES = [
  'Generalist', 'Open-Source', 'Bilingual', 'Chinese', 'Efficient', 'Trustworthy', 'Explainable',
  'Robust', 'Scalable', 'Interactive', 'Unified', 'Lightweight', 'Expert-Level', 'Multilingual',
];
const TASKS = ['question answering', 'report generation', 'summarization', 'diagnosis', 'triage', 'coding', 'retrieval', 'segmentation'];
const VERBS = ['replace', 'assist', 'outperform', 'explain', 'support', 'improve'];
const SIZES = ['7B', '13B', '70B', 'XL', 'Base', 'Large'];
const MODEL_SUFFIXES = ['GPT', 'LLM', '-Med', 'Med', '-VL', 'Chat', 'BERT', '-R1', 'LM', 'Doc', ''];
const SYLLABLES = [
  'ka', 'lo', 'mi', 'ra', 'zen', 'hua', 'tuo', 'qi', 'lin', 'med', 'bio', 'neo', 'vi', 'xa', 'tor',
  'pha', 'ron', 'cli', 'nic', 'ax', 'el', 'ri', 'sun', 'mo', 'ta', 'yu', 'den', 'gal', 'or', 'is',
];
const FIRST_NAMES = [
  'Wei', 'Jing', 'Yu', 'Hao', 'Li', 'Ming', 'Xin', 'Anna', 'David', 'Maria', 'James', 'Sara',
  'Ahmed', 'Priya', 'Kenji', 'Sofia', 'Lukas', 'Olga', 'Chen', 'Daniel', 'Karan', 'Harsha',
  'Zeming', 'Chaoyi', 'Grégoire', 'José', 'Zoë', 'Michael', 'Emily', 'Omar',
];
const SURNAME_ROOTS = ['zhang', 'wang', 'li', 'liu', 'chen', 'yang', 'smith', 'kumar', 'singh', 'müller', 'garcía', 'nguyen', 'kim', 'park', 'rossi', 'moor'];
const VENUES = [
  'arXiv', 'medRxiv', 'Nature', 'Nature Medicine', 'npj Digital Medicine', 'NEJM AI', 'The Lancet Digital Health',
  'JAMA', 'JAMA Network Open', 'Radiology', 'Radiology: Artificial Intelligence', 'ACL', 'EMNLP', 'NAACL',
  'NeurIPS', 'ICML', 'ICLR', 'AAAI', 'MICCAI', 'CHIL', 'ML4H', 'Journal of Medical Internet Research',
  'IEEE Journal of Biomedical and Health Informatics', 'Bioinformatics', 'Cureus', 'Healthcare',
];

/** mulberry32: small, fast, deterministic; the one seeded generator of the benches and tests. */
export function makeRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export interface CorpusOptions {
  /** Entries of the real list: their titles, model names and categories seed the recombination. */
  basis: readonly Paper[];
  seed?: number;
  listId?: string;
}

/** `size` synthetic papers with unique ids ("synthetic:<n>"). */
export function generateCorpus(size: number, { basis, seed = 42, listId = 'seed' }: CorpusOptions): Paper[] {
  const random = makeRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const realTitles = basis.map((paper) => paper.title);
  const realModelNames = basis
    .map((paper) => /^([^:,\s]+)[:,]/.exec(paper.title)?.[1])
    .filter((name): name is string => name !== undefined && name.length >= 3);
  const categories = [...new Set(basis.flatMap((paper) => paper.categories))];
  if (categories.length === 0) categories.push('Uncategorized');

  const inventedName = (): string => {
    const syllables = 2 + Math.floor(random() * 2);
    let stem = '';
    for (let i = 0; i < syllables; i++) stem += pick(SYLLABLES);
    return capitalize(stem) + pick(MODEL_SUFFIXES);
  };
  const modelName = (): string => (random() < 0.25 && realModelNames.length > 0 ? pick(realModelNames) : inventedName());
  const surname = (): string =>
    random() < 0.4 ? capitalize(pick(SURNAME_ROOTS)) : capitalize(pick(SYLLABLES) + pick(SYLLABLES) + (random() < 0.5 ? pick(SYLLABLES) : ''));

  const fill = (template: string): string =>
    template.replace(/\{(\w+)\}/g, (_, slot: string) => {
      switch (slot) {
        case 'M': return modelName();
        case 'A': return pick(ADJECTIVES);
        case 'ml': return pick(ML);
        case 'med': return pick(MEDICAL);
        case 'task': return pick(TASKS);
        case 'verb': return pick(VERBS);
        case 'size': return pick(SIZES);
        case 'real': return realTitles.length > 0 ? pick(realTitles) : modelName();
        case 'realHalf': return (realTitles.length > 0 ? pick(realTitles) : modelName()).split(':')[0] ?? '';
        default: return slot;
      }
    });

  const papers: Paper[] = [];
  for (let n = 0; n < size; n++) {
    const year = 2018 + Math.floor(random() * 9);
    const month = 1 + Math.floor(random() * 12);
    const arxiv = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}.${String(n).padStart(5, '0')}`;
    const links: EntryLink[] = [{ kind: 'paper', url: `https://arxiv.org/abs/${arxiv}`, label: 'paper' }];
    const repos: string[] = [];
    if (random() < 0.4) {
      const repo = `github.com/${surname().toLowerCase()}/${inventedName().toLowerCase()}`;
      links.push({ kind: 'code', url: `https://${repo}`, label: 'code' });
      repos.push(repo);
    }
    const title = fill(pick(TEMPLATES));
    const paperCategories = [pick(categories)];
    if (random() < 0.1) paperCategories.push(pick(categories));
    papers.push(withAuthorList({
      id: `synthetic:${n}`,
      title,
      authors: `${pick(FIRST_NAMES)} ${surname()}${random() < 0.85 ? ' et al.' : ''}`,
      venue: pick(VENUES),
      year,
      month,
      categories: [...new Set(paperCategories)],
      links,
      ids: { arxiv, repos },
      // As the list parser keys titles: lookups by title (pages, references) compare these keys.
      titleKey: titleKey(title),
      line: 0,
      lists: [listId],
    }));
  }
  return papers;
}

/**
 * A synthetic list as the catalog snapshot format, for seeding a database with `size` entries
 * (`seedFromSnapshot(db, syntheticSnapshot(100_000, { basis }))`), e.g. to time the popup at 100k.
 */
export function syntheticSnapshot(size: number, options: CorpusOptions): CatalogSnapshot {
  const entries: CatalogEntry[] = generateCorpus(size, options).map(({ lists: _lists, ...entry }) => entry);
  return {
    format: 1,
    name: `Synthetic list (${size.toLocaleString('en')} papers)`,
    sourceUrl: 'https://example.org/synthetic-list.md',
    sourceDate: '2026-01-01',
    entries,
  };
}
