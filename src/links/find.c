/* links/find.c: identifiers found in plain text: arXiv ids and owner/repo names, each
 * reported once. */
#include <config.h>

#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "hashset.h"
#include "strbuf.h"
#include "xalloc.h"

/* ------------------------------------------------------------ ids in text */

/* Report NAME (freed here) once per call, a hash set remembering what was
 * reported (a paragraph may hold 20,000 ids); returns whether it was new. */
static bool report_once(struct strset *seen, char *name,
                        void (*found)(const char *, void *), void *data)
{
	bool added = strset_add(seen, name);
	if (added && found)
		found(name, data);
	free(name);
	return added;
}

/* Separators between "arXiv" and its id: blanks, ':' and the full-width
 * colon and no-break space of CJK text. */
static size_t skip_arxiv_separators(const char *s)
{
	size_t i = 0;
	for (;;) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == ':')
			i++;
		else if ((unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
		         (unsigned char)s[i + 2] == 0x9A)
			i += 3;
		else if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
			i += 2;
		else
			return i;
	}
}

size_t link_find_arxiv_ids(const char *text, void (*found)(const char *id, void *data), void *data)
{
	if (!text)
		return 0;
	struct strset seen;
	strset_init(&seen);
	size_t count = 0;
	for (const char *p = text; (p = strpbrk(p, "aA")); p++) {
		/* ascii_eq_n stops at the first difference, so never reads past the NUL */
		if (!has_prefix_ci(p, 5, "arxiv"))
			continue;
		if (p > text && (is_alnum((unsigned char)p[-1]) || p[-1] == '/' || p[-1] == '.'))
			continue;
		const char *q = p + 5;
		size_t sep = skip_arxiv_separators(q);
		/* "arXiv ID: 2602.14849" */
		if (sep > 0 && ascii_tolower((unsigned char)q[sep]) == 'i' &&
		    ascii_tolower((unsigned char)q[sep + 1]) == 'd' && !is_alnum((unsigned char)q[sep + 2])) {
			size_t more = skip_arxiv_separators(q + sep + 2);
			if (more > 0)
				sep += 2 + more;
		}
		if (sep == 0)
			continue;
		q += sep;
		size_t total, id = match_arxiv_id(q, strnlen(q, 64), &total);
		if (!id)
			continue;
		if (report_once(&seen, xstrndup(q, id), found, data))
			count++;
		p = q + total - 1;
	}
	strset_clear(&seen);
	return count;
}

/* Words that pair with a slash in prose and never name a repository:
 * "and/or", "input/output", "km/h", "tok/s", "read/write". */
static const char *const slash_words[] = {
	"and", "or", "nor", "not", "but", "input", "output", "inputs", "outputs", "read", "write",
	"true", "false", "yes", "no", "on", "off", "in", "out", "up", "down", "client", "server",
	"pros", "cons", "he", "him", "his", "she", "her", "hers", "they", "them", "their", "it",
	"its", "we", "us", "you", "with", "without", "either", "both", "open", "close", "start",
	"stop", "before", "after", "buy", "sell", "win", "lose", "day", "days", "week", "weeks",
	"month", "months", "year", "years", "yr", "mo", "hour", "hours", "hr", "hrs", "min",
	"mins", "minute", "sec", "secs", "second", "ms", "us", "ns", "km", "mi", "mph", "kg",
	"lb", "cm", "mm", "ft", "gb", "mb", "kb", "tb", "gib", "mib", "gbps", "mbps", "kbps",
	"tok", "toks", "token", "tokens", "req", "reqs", "request", "requests", "query", "queries",
	"op", "ops", "flop", "flops", "step", "steps", "iter", "iters", "epoch", "epochs",
	"sample", "samples", "image", "images", "img", "frame", "frames", "fps", "user", "users",
	"seat", "gpu", "gpus", "cpu", "cpus", "node", "nodes", "core", "cores", "watt", "watts",
	"kw", "kwh", "hz", "khz", "mhz", "ghz", "usd", "eur", "page", "pages", "word", "words",
	"char", "chars", "line", "lines", "call", "calls", "run", "runs", "job", "jobs", "task",
	"tasks", "person", "head", "month", "quarter", "mtok", "dollar", "dollars", "cent",
	"cents", "this", "that", "these", "those", "here", "there", "who", "what", "which",
	"when", "where", "why", "how", "good", "bad", "old", "new", "left", "right", "top",
	"bottom", "front", "back", "black", "white", "male", "female", "small", "large", "big",
	"fast", "slow", "high", "low", "more", "less", "plus", "minus", "via", "per", "vs",
	"pass", "fail", "allow", "deny", "accept", "reject", "enable", "disable", "get", "set",
	"push", "pull", "send", "receive", "load", "store", "save", "encode", "decode", NULL
};

/* Directory names that make "dir/name" a path, not a repository. */
static const char *const directory_words[] = {
	"src", "lib", "libs", "include", "inc", "bin", "sbin", "test", "tests", "spec", "specs",
	"doc", "docs", "example", "examples", "sample", "samples", "script", "scripts", "tool",
	"tools", "util", "utils", "config", "configs", "conf", "etc", "app", "apps", "asset",
	"assets", "static", "public", "dist", "build", "out", "output", "outputs", "data",
	"dataset", "datasets", "model", "models", "checkpoint", "checkpoints", "ckpt", "log",
	"logs", "runs", "notebooks", "cmd", "pkg", "internal", "vendor", "node_modules",
	"packages", "modules", "components", "pages", "views", "templates", "web", "www", "home",
	"usr", "var", "tmp", "opt", "dev", "proc", "sys", "mnt", "media", "root", "api", "core",
	"common", "shared", "res", "resources", "images", "img", "fonts", "styles", "css", "js",
	"migrations", "benchmarks", "bench", "experiments", "demo", "demos", "third_party",
	"deps", "external", "plugins", "extensions", "crates", "target", "cache", "kernels",
	"csrc", "train", "training", "eval", "evals", "prompts", "workflows", "refs", "heads",
	"origin", "upstream", "main", "master", "tree", "blob", "raw", "local", "remote", NULL
};

/* File extensions no repository name ends with. Language suffixes
 * (llama.cpp, llm.c, three.js, Flux.jl) are left to the other rules. */
static const char *const file_extensions[] = {
	"md", "markdown", "txt", "rst", "adoc", "json", "jsonl", "yaml", "yml", "toml", "ini",
	"cfg", "conf", "lock", "log", "csv", "tsv", "xml", "html", "htm", "pdf", "png", "jpg",
	"jpeg", "gif", "svg", "webp", "ipynb", "h", "hpp", "hh", "o", "a", "so", "dll", "exe",
	"env", "sum", "mod", "gguf", "safetensors", "pt", "pth", "bin", "onnx", "ckpt", "sql",
	"bak", "tmp", "diff", "patch", "zip", "gz", "tgz", "tar", "bz2", "xz", "whl", "parquet",
	"npy", "npz", "pkl", "mp4", "mp3", "wav", "py", "sh", "bash", "zsh", "ps1", "bat",
	"cmake", "mk", "makefile", "dockerfile", "tex", "bib", "css", "scss", "ts", "tsx", "jsx",
	NULL
};

/* Common file stems: "foo/main.c", "bar/train.py", "x/index.js". */
static const char *const file_stems[] = {
	"main", "index", "app", "utils", "util", "setup", "config", "train", "test", "tests",
	"run", "init", "__init__", "server", "client", "model", "models", "helpers", "cli",
	"build", "lib", "mod", "core", "common", "types", "constants", "settings", "readme",
	"license", "changelog", "makefile", "dockerfile", "package", "requirements", "eval",
	"inference", "demo", "example", "tokenizer", "data", "dataset", "engine", NULL
};

static bool is_upper_or_digit(int c) { return (c >= 'A' && c <= 'Z') || is_digit(c); }

static bool is_version_word(struct span w)
{
	return w.len >= 2 && (w.s[0] == 'v' || w.s[0] == 'V') && all_digits(w.s + 1, w.len - 1);
}

/* Whether "owner/repo" reads as a repository name. */
static bool plausible_repo(struct span owner, struct span repo, bool github_prefixed)
{
	if (owner.len == 0 || owner.len > 39 || repo.len == 0 || repo.len > 100)
		return false;
	if (!all_of(owner.s, owner.len, github_owner_char) || !all_of(repo.s, repo.len, github_repo_char))
		return false;
	if (owner.s[0] == '-' || owner.s[owner.len - 1] == '-' || repo.s[0] == '.')
		return false;
	if (github_prefixed)
		return true;
	/* w/o, r/LocalLLaMA, u/name, 1/2, 24/7, 2024/05, v1/v2 */
	if (owner.len == 1 || repo.len == 1 || all_digits(owner.s, owner.len) ||
	    all_digits(repo.s, repo.len) || is_version_word(owner) || is_version_word(repo))
		return false;
	/* TCP/IP, CI/CD, AI/ML, I/O */
	if (all_of(owner.s, owner.len, is_upper_or_digit) && all_of(repo.s, repo.len, is_upper_or_digit))
		return false;
	if (in_list(owner.s, owner.len, slash_words) || in_list(repo.s, repo.len, slash_words))
		return false;
	if (in_list(owner.s, owner.len, directory_words))
		return false;
	const char *dot = NULL;
	for (size_t i = 0; i < repo.len; i++)
		if (repo.s[i] == '.')
			dot = repo.s + i;
	if (dot) {
		size_t ext_len = (size_t)(repo.s + repo.len - dot - 1);
		size_t stem_len = (size_t)(dot - repo.s);
		if (in_list(dot + 1, ext_len, file_extensions))
			return false;
		/* a language suffix on a common file name is a file: main.c, index.js */
		const char *first_dot = memchr(repo.s, '.', repo.len);
		if (ext_len <= 5 && all_of(dot + 1, ext_len, is_alpha) &&
		    in_list(repo.s, (size_t)(first_dot - repo.s), file_stems))
			return false;
		(void)stem_len;
	}
	return true;
}

static bool repo_token_char(int c)
{
	return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == '/';
}

static bool is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The owner/repo a unit of text names, or NULL. A unit is a whole text or
 * a code span: optional blanks, an optional "github.com/" (or a full
 * https://github.com/ URL), "owner/repo", an optional ".git", "@ref",
 * "#123" or a trailing '/', optional blanks. */
static char *repo_name_in_unit(const char *s, size_t len)
{
	while (len > 0 && is_blank((unsigned char)s[0]))
		s++, len--;
	while (len > 0 && is_blank((unsigned char)s[len - 1]))
		len--;
	bool github_prefixed = false;
	if (has_prefix_ci(s, len, "https://"))
		s += 8, len -= 8;
	else if (has_prefix_ci(s, len, "http://"))
		s += 7, len -= 7;
	if (has_prefix_ci(s, len, "www."))
		s += 4, len -= 4;
	if (has_prefix_ci(s, len, "github.com/")) {
		github_prefixed = true;
		s += 11, len -= 11;
	} else if (s != NULL && len > 0 && memchr(s, ':', len)) {
		return NULL; /* any other URL, or a docker image:tag */
	}
	size_t n = 0;
	while (n < len && repo_token_char((unsigned char)s[n]))
		n++;
	/* what may follow the name: a ref, an issue number, a trailing slash */
	if (n < len && s[n] != '@' && s[n] != '#')
		return NULL;
	if (github_prefixed) {
		/* github.com/owner/repo/tree/main names owner/repo */
		const char *first = memchr(s, '/', n);
		const char *second = first ? memchr(first + 1, '/', (size_t)(s + n - first - 1)) : NULL;
		if (second)
			n = (size_t)(second - s);
	}
	while (n > 0 && (s[n - 1] == '.' || s[n - 1] == '/'))
		n--;
	const char *slash = memchr(s, '/', n);
	if (!slash || memchr(slash + 1, '/', (size_t)(s + n - slash - 1)))
		return NULL;
	struct span owner = { s, (size_t)(slash - s) };
	struct span repo = { slash + 1, (size_t)(s + n - slash - 1) };
	if (has_suffix_ci(repo.s, repo.len, ".git"))
		repo.len -= 4;
	if (!plausible_repo(owner, repo, github_prefixed))
		return NULL;
	char *name = xasprintf("%.*s/%.*s", (int)owner.len, owner.s, (int)repo.len, repo.s);
	for (char *c = name; *c; c++)
		*c = (char)ascii_tolower((unsigned char)*c);
	return name;
}

/* In running prose "robotics/e-commerce" and "karpathy/nanochat" look
 * alike, so prose alone never counts: only a text that is nothing but the
 * name (a code span's content), `backticked` names and github.com/owner/repo
 * written out without a scheme. */
size_t link_find_repo_names(const char *text, void (*found)(const char *owner_repo, void *data), void *data)
{
	if (!text)
		return 0;
	struct strset seen;
	strset_init(&seen);
	size_t count = 0;
	char *name = repo_name_in_unit(text, strlen(text));
	if (name) {
		count += report_once(&seen, name, found, data);
		strset_clear(&seen);
		return count;
	}
	const char *p = text;
	while (*p) {
		if (*p == '`') {
			const char *open = p;
			while (*open == '`')
				open++;
			size_t ticks = (size_t)(open - p);
			/* the closing run has the same number of backticks */
			const char *close = open;
			for (;;) {
				close = strchr(close, '`');
				if (!close)
					break;
				const char *run = close;
				while (*run == '`')
					run++;
				if ((size_t)(run - close) == ticks)
					break;
				close = run;
			}
			if (!close) {
				p = open;
				continue;
			}
			name = repo_name_in_unit(open, (size_t)(close - open));
			if (name)
				count += report_once(&seen, name, found, data);
			p = close + ticks;
			continue;
		}
		if ((p == text || !(repo_token_char((unsigned char)p[-1]) || p[-1] == ':')) &&
		    has_prefix_ci(p, 11, "github.com/")) {
			const char *end = p + 11;
			while (*end && repo_token_char((unsigned char)*end))
				end++;
			name = repo_name_in_unit(p, (size_t)(end - p));
			if (name)
				count += report_once(&seen, name, found, data);
			p = end;
			continue;
		}
		p++;
	}
	strset_clear(&seen);
	return count;
}
