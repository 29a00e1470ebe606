#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "tap.h"

/* A test description on one TAP line: control bytes shown as '?'. */
static const char *printable(const char *s)
{
	static char buf[96];
	size_t i = 0;
	for (; s && s[i] && i + 1 < sizeof buf; i++)
		buf[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	buf[i] = '\0';
	return s ? buf : "(null)";
}

static void is_parsed(const char *s, const char *expected)
{
	char out[DATE_ISO_MAX] = "";
	bool got = date_parse(s, out);
	is_str(got ? out : NULL, expected, "date_parse \"%s\"", printable(s));
}

static void is_found(const char *s, const char *expected)
{
	char out[DATE_ISO_MAX] = "";
	bool got = date_find(s, out);
	is_str(got ? out : NULL, expected, "date_find \"%s\"", printable(s));
}

static void test_parse(void)
{
	is_parsed("2026-02-18T13:00:00+08:00", "2026-02-18T13:00:00+08:00");
	is_parsed("2026-03-16 00:00:00 +0800", "2026-03-16T00:00:00+08:00");
	is_parsed("2026-06-25T05:44:39.731046Z", "2026-06-25T05:44:39+00:00");
	is_parsed("2026-06-25T05:44:39,5-05:30", "2026-06-25T05:44:39-05:30");
	is_parsed("2026-02-20", "2026-02-20");
	is_parsed("  2026-02-20\n", "2026-02-20");
	is_parsed("2026-02-14 09:15", "2026-02-14T09:15:00");
	is_parsed("2026-02-14 09:15:30", "2026-02-14T09:15:30");
	is_parsed("2026-02-14T09:15Z", "2026-02-14T09:15:00+00:00");
	is_parsed("2026-02-14 09:15 UTC", "2026-02-14T09:15:00+00:00");
	is_parsed("2026-02-14 09:15:00 +08", "2026-02-14T09:15:00+08:00");
	is_parsed("2026/2/14", "2026-02-14");
	is_parsed("2026/02/14", "2026-02-14");
	is_parsed("2026.02.14", "2026-02-14");
	is_parsed("2026-2-4", "2026-02-04");
	is_parsed("2026年2月14日", "2026-02-14");
	is_parsed("2026 年 2 月 14 日", "2026-02-14");
	is_parsed("2026年2月14日 09:15", "2026-02-14T09:15:00");
	is_parsed("2026年2月14号", "2026-02-14");
	is_parsed("Feb 20, 2026", "2026-02-20");
	is_parsed("Feb 20 2026", "2026-02-20");
	is_parsed("February 20, 2026", "2026-02-20");
	is_parsed("feb. 3rd, 2026", "2026-02-03");
	is_parsed("Sept 1, 2025", "2025-09-01");
	is_parsed("20 February 2026", "2026-02-20");
	is_parsed("12 Feb, 2026", "2026-02-12");
	is_parsed("12-Feb-2026", "2026-02-12");
	is_parsed("Thu, 19 Feb 2026 10:00:00 +0000", "2026-02-19T10:00:00+00:00");
	is_parsed("Feb 20, 2026, 3:45 PM", "2026-02-20T15:45:00");
	is_parsed("Feb 20, 2026 12:05 am", "2026-02-20T00:05:00");
	is_parsed("20260214", "2026-02-14");
	is_parsed("2025W10", "2025-03-03");
	is_parsed("2025-W10", "2025-03-03");
	is_parsed("2025-W10-3", "2025-03-05");
	is_parsed("Week 10, 2025", "2025-03-03");
	is_parsed("week 1 of 2026", "2025-12-29");
	is_parsed("2025 年第 12 周", "2025-03-17");
	is_parsed("2020-W53", "2020-12-28");
	is_parsed("2021-W53", NULL);
	is_parsed("2024-02-29", "2024-02-29");
	is_parsed("2000-02-29", "2000-02-29");
	is_parsed("2100-02-29", NULL);
	is_parsed("2025-02-29", NULL);
	is_parsed("2026-04-31", NULL);
	is_parsed("2026-13-01", NULL);
	is_parsed("2026-00-10", NULL);
	is_parsed("2026-01-00", NULL);
	is_parsed("1989-12-31", NULL);
	is_parsed("2101-01-01", NULL);
	is_parsed("20261314", NULL);
	is_parsed("2026-02-14 25:00", NULL);
	is_parsed("2026-02-14 09:61", NULL);
	is_parsed("2026-02-14 09:15 +1500", NULL);
	is_parsed("2026-02-14 tomorrow", NULL);
	is_parsed("2026-02/14", NULL);
	is_parsed("2月14日", NULL);
	is_parsed("Feb 30, 2026", NULL);
	is_parsed("February 2026", NULL);
	is_parsed("26-06-25", NULL);
	is_parsed("2602.15776", NULL);
	is_parsed("1.2.3", NULL);
	is_parsed("", NULL);
	is_parsed("not a date", NULL);
	is_parsed(NULL, NULL);
}

static void test_find(void)
{
	is_found("hourly-2026-05-01-06.md", "2026-05-01");
	is_found("2025-07-05_2314_daily.md", "2025-07-05");
	is_found("news-26-06-25.md", "2026-06-25");
	is_found("brief_25-07-15", "2025-07-15");
	is_found("notes-2025W10.en.md", "2025-03-03");
	is_found("reading-2025-W12.zh-CN.md", "2025-03-17");
	is_found("Things I read - Week 10, 2025", "2025-03-03");
	is_found("2025 年第 12 周读书笔记", "2025-03-17");
	is_found("今日情报 | 2026-02-14", "2026-02-14");
	is_found("模型快讯2026-02-20", "2026-02-20");
	is_found("Paper scan - 2026-02-18", "2026-02-18");
	is_found("scan-2026-03-16-night.md", "2026-03-16");
	is_found("**时间**: 2026-02-14 09:15", "2026-02-14T09:15:00");
	is_found("digest 20260214.md", "2026-02-14");
	is_found("posted on Feb 12, 2026 by someone", "2026-02-12");
	is_found("from 12 February 2026 onwards", "2026-02-12");
	is_found("发布于2026年2月14日", "2026-02-14");
	is_found("see arXiv 2602.15776 today", NULL);
	is_found("release v2026.02.14", NULL);
	is_found("version 2026.02.14.1", NULL);
	is_found("Python 3.12.1", NULL);
	is_found("call 13800138000", NULL);
	is_found("tel 010-2026-0214", NULL);
	is_found("hash e3f20260214a9", NULL);
	is_found("120260214", NULL);
	is_found("2月14日 only", NULL);
	is_found("In March we shipped 2026 things", NULL);
	is_found("grammar 12, 2026", NULL);
	is_found("1/2 of 2026", NULL);
	is_found("id 12-34-56", NULL);
	is_found("", NULL);
	is_found(NULL, NULL);
}

static void test_days(void)
{
	is_int(date_days("1970-01-01"), -1, "date_days before 1990 is invalid");
	is_int(date_days("2000-01-01"), 10957, "date_days 2000-01-01");
	is_int(date_days("2026-02-18"), 20502, "date_days 2026-02-18");
	is_int(date_days("2026-02-18T13:00:00+08:00"), 20502, "date_days ignores the time");
	is_int(date_days("2026-03-01") - date_days("2026-02-28"), 1, "date_days across February");
	is_int(date_days("2024-03-01") - date_days("2024-02-28"), 2, "date_days across a leap day");
	is_int(date_days("2026-02-30"), -1, "date_days invalid day");
	is_int(date_days("2026-2-3"), -1, "date_days wants the normalised form");
	is_int(date_days("garbage"), -1, "date_days garbage");
	is_int(date_days(NULL), -1, "date_days NULL");
}

/* Every ISO week Monday in range is a Monday and round-trips. */
static void test_weeks(void)
{
	int bad = 0;
	for (int year = 1990; year <= 2100; year++) {
		for (int week = 1; week <= 53; week++) {
			char in[16], out[DATE_ISO_MAX];
			snprintf(in, sizeof in, "%dW%02d", year, week);
			if (!date_parse(in, out)) {
				if (week < 53)
					bad++;
				continue;
			}
			long days = date_days(out);
			if (days < 0 || ((days + 3) % 7) != 0)
				bad++;
		}
	}
	is_int(bad, 0, "every ISO week of 1990-2100 starts on a Monday");
}

static void test_garbage(void)
{
	/* Long runs of digits, separators and CJK: no crash, no overread. */
	static const char *const pieces[] = {
		"2026", "-", "02", "/", ".", "14", "年", "月", "日", " ", "W", "10", ":", "+08", "Z",
		"Feb", ",", "T", "09:15", "第", "周", "week", "\xe5", "9", "0",
	};
	unsigned seed = 7;
	int checked = 0;
	for (int round = 0; round < 5000; round++) {
		char buf[128] = "";
		size_t len = 0;
		int parts = 1 + (int)(seed % 10);
		for (int k = 0; k < parts; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *piece = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
			size_t plen = strlen(piece);
			if (len + plen >= sizeof buf)
				break;
			memcpy(buf + len, piece, plen);
			len += plen;
			buf[len] = '\0';
		}
		char out[DATE_ISO_MAX];
		bool ok_parse = !date_parse(buf, out) || date_days(out) >= 0;
		bool ok_find = !date_find(buf, out) || date_days(out) >= 0;
		if (ok_parse && ok_find)
			checked++;
	}
	is_int(checked, 5000, "5000 junk strings: every date found is valid");

	size_t n = 100000;
	char *big = malloc(n + 1);
	memset(big, '9', n);
	big[n] = '\0';
	char out[DATE_ISO_MAX];
	ok(!date_find(big, out) && !date_parse(big, out), "100 KB of digits is no date");
	memcpy(big + n - 11, " 2026-02-14", 11);
	ok(date_find(big, out) && strcmp(out, "2026-02-14") == 0, "a date at the end of 100 KB is found");
	free(big);
}

int main(void)
{
	test_parse();
	test_find();
	test_days();
	test_weeks();
	test_garbage();
	return tap_done();
}
