import { detector } from '../detector';
import { bareHost, parseHttpUrl, pathSegments } from './url';

/** First path segments on github.com that are site pages, not users or organizations. */
const GITHUB_RESERVED = new Set([
  'about', 'apps', 'collections', 'contact', 'customer-stories', 'codespaces', 'dashboard', 'enterprise',
  'events', 'explore', 'features', 'issues', 'join', 'login', 'logout', 'marketplace', 'new', 'notifications',
  'orgs', 'organizations', 'pricing', 'pulls', 'readme', 'search', 'security', 'settings', 'site', 'sponsors',
  'stars', 'team', 'topics', 'trending', 'users', 'watching',
]);
const GITHUB_OWNER = /^[a-z\d](?:[a-z\d-]{0,38})$/i;
const REPO_NAME = /^[\w.-]+$/;

/** First path segments on huggingface.co that are site pages, not users or organizations. */
const HF_RESERVED = new Set([
  'api', 'blog', 'chat', 'collections', 'docs', 'enterprise', 'join', 'learn', 'login', 'models', 'organizations',
  'papers', 'posts', 'pricing', 'privacy', 'search', 'settings', 'tasks', 'terms-of-service',
]);
const HF_KINDS = new Set(['datasets', 'spaces']);

function githubRepo(segments: string[]): string | undefined {
  const [owner, name] = segments;
  if (!owner || !name || GITHUB_RESERVED.has(owner.toLowerCase()) || !GITHUB_OWNER.test(owner)) return undefined;
  const repo = name.replace(/\.git$/i, '');
  if (!REPO_NAME.test(repo) || repo === '.' || repo === '..') return undefined;
  return `github.com/${owner}/${repo}`.toLowerCase();
}

function huggingFaceRepo(segments: string[]): string | undefined {
  const kind = HF_KINDS.has(segments[0] ?? '') ? segments[0] : undefined;
  const [owner, name] = kind ? segments.slice(1) : segments;
  if (!owner || !name || (!kind && HF_RESERVED.has(owner.toLowerCase()))) return undefined;
  if (!REPO_NAME.test(owner) || !REPO_NAME.test(name)) return undefined;
  return (kind ? `huggingface.co/${kind}/${owner}/${name}` : `huggingface.co/${owner}/${name}`).toLowerCase();
}

export const repoFromUrl = detector<string, string>({
  name: 'url.repo',
  detect: (raw) => {
    const url = parseHttpUrl(raw);
    if (!url) return undefined;
    const host = bareHost(url);
    const segments = pathSegments(url);
    if (host === 'github.com') return githubRepo(segments);
    if (host === 'raw.githubusercontent.com') return githubRepo(segments);
    if (host === 'huggingface.co' || host === 'hf.co') return huggingFaceRepo(segments);
    return undefined;
  },
  accepts: [
    ['https://github.com/epfLLM/meditron', 'github.com/epfllm/meditron'],
    ['https://github.com/epfLLM/meditron/', 'github.com/epfllm/meditron'],
    ['http://www.github.com/epfLLM/meditron', 'github.com/epfllm/meditron'],
    ['https://github.com/microsoft/LLaVA-Med/blob/main/README.md', 'github.com/microsoft/llava-med'],
    ['https://github.com/WooooDyy/LLM-Agent-Paper-List/tree/main', 'github.com/woooodyy/llm-agent-paper-list'],
    ['https://github.com/som-shahlab/Clinfo.AI', 'github.com/som-shahlab/clinfo.ai'],
    ['https://github.com/kbressem/medAlpaca.git', 'github.com/kbressem/medalpaca'],
    ['https://github.com/kbressem/medAlpaca/issues/3', 'github.com/kbressem/medalpaca'],
    ['https://github.com/kbressem/medAlpaca#readme', 'github.com/kbressem/medalpaca'],
    ['https://raw.githubusercontent.com/mingze-yuan/Awesome-LLM-Healthcare/main/README.md', 'github.com/mingze-yuan/awesome-llm-healthcare'],
    ['https://huggingface.co/google/flan-t5-xl', 'huggingface.co/google/flan-t5-xl'],
    ['https://huggingface.co/Writer/palmyra-med-20b', 'huggingface.co/writer/palmyra-med-20b'],
    ['https://huggingface.co/epfl-llm/meditron-70b/tree/main', 'huggingface.co/epfl-llm/meditron-70b'],
    ['https://huggingface.co/epfl-llm/meditron-70b/blob/main/config.json', 'huggingface.co/epfl-llm/meditron-70b'],
    ['https://huggingface.co/spaces/allen-eric/radiology-gpt', 'huggingface.co/spaces/allen-eric/radiology-gpt'],
    ['https://huggingface.co/datasets/medalpaca/medical_meadow_medqa', 'huggingface.co/datasets/medalpaca/medical_meadow_medqa'],
    ['https://huggingface.co/datasets/bigbio/pubmed_qa/viewer/default/train', 'huggingface.co/datasets/bigbio/pubmed_qa'],
    ['https://hf.co/google/flan-t5-xl', 'huggingface.co/google/flan-t5-xl'],
  ],
  rejects: [
    'https://github.com/epfLLM',
    'https://github.com/',
    'https://github.com/orgs/epfLLM/repositories',
    'https://github.com/topics/medical',
    'https://github.com/settings/profile',
    'https://github.com/marketplace/actions/checkout',
    'https://github.com/features/copilot',
    'https://gist.github.com/someone/0123abcd',
    'https://starmpcc.github.io/CAMEL/',
    'https://huggingface.co/wanglab',
    'https://huggingface.co/papers/2311.16452',
    'https://huggingface.co/docs/transformers/index',
    'https://huggingface.co/blog/llama2',
    'https://huggingface.co/datasets/bigbio',
    'https://huggingface.co/spaces',
    'https://huggingface.co/models?search=med',
    'https://gitlab.com.evil.com/owner/repo',
    'https://arxiv.org/abs/2311.16452',
  ],
});
