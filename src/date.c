/* Dates as digests write them: ISO, slashes, English and CJK month names, relative
 * words, feed (RFC 822/3339) dates, normalised to YYYY-MM-DD; and finding one in a title. */

#include <config.h>

#include "date.h"

#include <stdio.h>
#include <string.h>

/* A date as read, before it is written out. */
struct when {
	int year, month, day;
	bool has_time;
	int hour, minute, second;
	bool has_offset;
	int offset_minutes; /* east of UTC */
};

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_alnum(int c) { return is_digit(c) || is_alpha(c); }
static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

/* Digests are about the present: a "year" outside this range is a number. */
static bool valid_date(int year, int month, int day)
{
	return year >= 1990 && year <= 2100 && month >= 1 && month <= 12 &&
	       day >= 1 && day <= days_in_month(year, month);
}

/* Days since 1970-01-01 (proleptic Gregorian), after Howard Hinnant. */
static long days_from_civil(int year, int month, int day)
{
	long y = year - (month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *year, int *month, int *day)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(y + (m <= 2));
	*month = m;
	*day = d;
}

/* Monday of ISO week WEEK of YEAR. */
static bool iso_week_monday(int year, int week, struct when *w)
{
	if (year < 1990 || year > 2100 || week < 1 || week > 53)
		return false;
	long jan4 = days_from_civil(year, 1, 4);
	int jan4_weekday = (int)(((jan4 + 3) % 7 + 7) % 7); /* 0 = Monday; 1970-01-01 was a Thursday */
	long monday = jan4 - jan4_weekday + (long)(week - 1) * 7;
	if (week == 53) {
		/* only years whose week 53 exists: the next year's week 1 starts later */
		long next_jan4 = days_from_civil(year + 1, 1, 4);
		int next_weekday = (int)(((next_jan4 + 3) % 7 + 7) % 7);
		if (monday >= next_jan4 - next_weekday)
			return false;
	}
	memset(w, 0, sizeof *w);
	civil_from_days(monday, &w->year, &w->month, &w->day);
	return true;
}

/* Read MIN..MAX digits at S (a longer run fails). Returns how many. */
static size_t read_number(const char *s, size_t min, size_t max, int *value)
{
	size_t n = 0;
	int v = 0;
	while (is_digit((unsigned char)s[n])) {
		if (n == max)
			return 0;
		v = v * 10 + (s[n] - '0');
		n++;
	}
	if (n < min)
		return 0;
	*value = v;
	return n;
}

static size_t skip_spaces(const char *s)
{
	size_t n = 0;
	while (s[n] == ' ' || s[n] == '\t')
		n++;
	return n;
}

static bool prefix_ci(const char *s, const char *word)
{
	for (; *word; s++, word++)
		if (lower((unsigned char)*s) != *word)
			return false;
	return true;
}

/* "Z", "UTC", "GMT", "+0800", "+08:00", "-05", "+8". Returns bytes read. */
static size_t read_offset(const char *s, int *minutes)
{
	if (s[0] == 'Z' || s[0] == 'z') {
		*minutes = 0;
		return 1;
	}
	if ((prefix_ci(s, "utc") || prefix_ci(s, "gmt")) && !is_alpha((unsigned char)s[3])) {
		*minutes = 0;
		if (s[3] == '+' || s[3] == '-') {
			size_t more = read_offset(s + 3, minutes);
			return more ? 3 + more : 3;
		}
		return 3;
	}
	if (s[0] != '+' && s[0] != '-')
		return 0;
	int sign = s[0] == '-' ? -1 : 1, hours = 0, mins = 0;
	size_t n = 1, d;
	size_t digits = 0;
	while (is_digit((unsigned char)s[1 + digits]))
		digits++;
	if (digits == 4) {
		hours = (s[1] - '0') * 10 + (s[2] - '0');
		mins = (s[3] - '0') * 10 + (s[4] - '0');
		n = 5;
	} else if (digits == 1 || digits == 2) {
		read_number(s + 1, 1, 2, &hours);
		n = 1 + digits;
		if (s[n] == ':' && (d = read_number(s + n + 1, 2, 2, &mins)) != 0)
			n += 1 + d;
	} else {
		return 0;
	}
	if (hours > 14 || mins > 59)
		return 0;
	*minutes = sign * (hours * 60 + mins);
	return n;
}

/* A time after a date: [T| |, ]HH:MM[:SS[.frac]][ AM|PM][ offset]. */
static size_t read_time(const char *s, struct when *w)
{
	size_t n = 0;
	if (s[0] == 'T' || s[0] == 't') {
		n = 1;
	} else {
		if (s[0] == ',')
			n = 1;
		n += skip_spaces(s + n);
		if (n == 0)
			return 0;
	}
	int hour, minute, second = 0;
	size_t d = read_number(s + n, 1, 2, &hour);
	if (!d || s[n + d] != ':')
		return 0;
	n += d + 1;
	if (!(d = read_number(s + n, 2, 2, &minute)))
		return 0;
	n += d;
	if (s[n] == ':' && (d = read_number(s + n + 1, 2, 2, &second)) != 0) {
		n += 1 + d;
		if ((s[n] == '.' || s[n] == ',') && is_digit((unsigned char)s[n + 1])) {
			n++;
			while (is_digit((unsigned char)s[n]))
				n++; /* fractions of a second are noise in a digest */
		}
	}
	size_t ampm = skip_spaces(s + n);
	if ((prefix_ci(s + n + ampm, "am") || prefix_ci(s + n + ampm, "pm")) &&
	    !is_alpha((unsigned char)s[n + ampm + 2])) {
		if (hour < 1 || hour > 12)
			return 0;
		bool pm = lower((unsigned char)s[n + ampm]) == 'p';
		hour = hour % 12 + (pm ? 12 : 0);
		n += ampm + 2;
	}
	if (hour > 23 || minute > 59 || second > 60)
		return 0;
	if (second == 60)
		second = 59;
	w->has_time = true;
	w->hour = hour;
	w->minute = minute;
	w->second = second;
	size_t gap = skip_spaces(s + n);
	int offset;
	if ((d = read_offset(s + n + gap, &offset)) != 0 && !is_alnum((unsigned char)s[n + gap + d])) {
		w->has_offset = true;
		w->offset_minutes = offset;
		n += gap + d;
	}
	return n;
}

static const char *const month_names[] = {
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december"
};

/* An English month name or its abbreviation ("Sep", "Sept.", "Feb."). */
static size_t read_month_name(const char *s, int *month)
{
	for (int m = 0; m < 12; m++) {
		const char *name = month_names[m];
		size_t len = strlen(name);
		size_t n = 0;
		if (prefix_ci(s, name))
			n = len;
		else if (m == 8 && prefix_ci(s, "sept"))
			n = 4;
		else if (len > 3 && s[0] && s[1] && s[2] && lower((unsigned char)s[0]) == name[0] &&
		         lower((unsigned char)s[1]) == name[1] && lower((unsigned char)s[2]) == name[2])
			n = 3;
		else if (len == 3 && prefix_ci(s, name))
			n = 3;
		if (!n || is_alpha((unsigned char)s[n]))
			continue;
		if (n < len && s[n] == '.')
			n++;
		*month = m + 1;
		return n;
	}
	return 0;
}

/* "3", "3rd", "21st": a day of the month. */
static size_t read_day(const char *s, int *day)
{
	size_t n = read_number(s, 1, 2, day);
	if (!n)
		return 0;
	if (prefix_ci(s + n, "st") || prefix_ci(s + n, "nd") || prefix_ci(s + n, "rd") ||
	    prefix_ci(s + n, "th"))
		if (!is_alpha((unsigned char)s[n + 2]))
			n += 2;
	return n;
}

static size_t finish_date(const char *s, size_t n, int year, int month, int day, struct when *w)
{
	if (!valid_date(year, month, day))
		return 0;
	memset(w, 0, sizeof *w);
	w->year = year;
	w->month = month;
	w->day = day;
	return n + read_time(s + n, w);
}

/* "Feb 12, 2026", "February 12 2026", "Feb. 12th, 2026" */
static size_t match_month_first(const char *s, struct when *w)
{
	int month, day, year;
	size_t n = read_month_name(s, &month), d;
	if (!n)
		return 0;
	size_t gap = skip_spaces(s + n);
	if (!gap || !(d = read_day(s + n + gap, &day)))
		return 0;
	n += gap + d;
	if (s[n] == ',')
		n++;
	gap = skip_spaces(s + n);
	if ((!gap && s[n - 1] != ',') || !(d = read_number(s + n + gap, 4, 4, &year)))
		return 0;
	return finish_date(s, n + gap + d, year, month, day, w);
}

/* "12 February 2026", "12 Feb, 2026", "3rd March 2025" */
static size_t match_day_first(const char *s, struct when *w)
{
	int month, day, year;
	size_t n = read_day(s, &day), d;
	if (!n)
		return 0;
	size_t gap = skip_spaces(s + n);
	if (s[n] == '-')
		gap = 1; /* "12-Feb-2026" */
	if (!gap || !(d = read_month_name(s + n + gap, &month)))
		return 0;
	n += gap + d;
	if (s[n] == ',')
		n++;
	gap = skip_spaces(s + n);
	if (s[n] == '-' && s[n - 1] != ',')
		gap = 1;
	if (!gap || !(d = read_number(s + n + gap, 4, 4, &year)))
		return 0;
	return finish_date(s, n + gap + d, year, month, day, w);
}

/* "Week 10, 2025", "week 10 of 2025" */
static size_t match_week_word(const char *s, struct when *w)
{
	int week, year;
	if (!prefix_ci(s, "week"))
		return 0;
	size_t n = 4, d;
	n += skip_spaces(s + n);
	if (n == 4 || !(d = read_number(s + n, 1, 2, &week)))
		return 0;
	n += d;
	if (s[n] == ',')
		n++;
	size_t gap = skip_spaces(s + n);
	if (prefix_ci(s + n + gap, "of ")) {
		n += gap + 2;
		gap = skip_spaces(s + n);
	}
	if (!gap || !(d = read_number(s + n + gap, 4, 4, &year)))
		return 0;
	return iso_week_monday(year, week, w) ? n + gap + d : 0;
}

static const char nian[] = "\xe5\xb9\xb4"; /* 年 */
static const char yue[] = "\xe6\x9c\x88";  /* 月 */
static const char ri[] = "\xe6\x97\xa5";   /* 日 */
static const char hao[] = "\xe5\x8f\xb7";  /* 号 */
static const char di[] = "\xe7\xac\xac";   /* 第 */
static const char zhou[] = "\xe5\x91\xa8"; /* 周 */

static size_t read_literal(const char *s, const char *lit)
{
	size_t len = strlen(lit);
	return strncmp(s, lit, len) == 0 ? len : 0;
}

/* "2026年2月14日", "2026 年 2 月 14 日", "2025 年第 12 周" */
static size_t match_cjk(const char *s, int year, size_t n, struct when *w)
{
	int month, day, week;
	size_t d;
	n += skip_spaces(s + n);
	if (!(d = read_literal(s + n, nian)))
		return 0;
	n += d;
	n += skip_spaces(s + n);
	if ((d = read_literal(s + n, di)) != 0) {
		n += d;
		n += skip_spaces(s + n);
		if (!(d = read_number(s + n, 1, 2, &week)))
			return 0;
		n += d;
		n += skip_spaces(s + n);
		if (!(d = read_literal(s + n, zhou)))
			return 0;
		return iso_week_monday(year, week, w) ? n + d : 0;
	}
	if (!(d = read_number(s + n, 1, 2, &month)))
		return 0;
	n += d;
	n += skip_spaces(s + n);
	if (!(d = read_literal(s + n, yue)))
		return 0;
	n += d;
	n += skip_spaces(s + n);
	if (!(d = read_number(s + n, 1, 2, &day)))
		return 0;
	n += d;
	n += skip_spaces(s + n);
	if (!(d = read_literal(s + n, ri)) && !(d = read_literal(s + n, hao)))
		return 0;
	return finish_date(s, n + d, year, month, day, w);
}

/* A date starting with a four-digit year. */
static size_t match_year_first(const char *s, struct when *w)
{
	int year, month, day, week, all;
	/* compact 20260214: exactly eight digits */
	if (read_number(s, 8, 8, &all)) {
		year = all / 10000;
		month = all / 100 % 100;
		day = all % 100;
		if (!valid_date(year, month, day))
			return 0;
		memset(w, 0, sizeof *w);
		w->year = year;
		w->month = month;
		w->day = day;
		return 8;
	}
	size_t n = read_number(s, 4, 4, &year), d;
	if (!n)
		return 0;
	char sep = s[n];
	if ((d = match_cjk(s, year, n, w)) != 0)
		return d;
	/* ISO week: 2025W10, 2025-W10, optionally a weekday digit after */
	size_t wpos = n + (sep == '-');
	if ((s[wpos] == 'W' || s[wpos] == 'w') && (d = read_number(s + wpos + 1, 1, 2, &week)) != 0) {
		size_t end = wpos + 1 + d;
		int weekday = 1;
		if (s[end] == '-' && is_digit((unsigned char)s[end + 1]) && !is_digit((unsigned char)s[end + 2])) {
			weekday = s[end + 1] - '0';
			end += 2;
		}
		if (weekday < 1 || weekday > 7 || !iso_week_monday(year, week, w))
			return 0;
		if (weekday > 1)
			civil_from_days(days_from_civil(w->year, w->month, w->day) + weekday - 1,
			                &w->year, &w->month, &w->day);
		return end;
	}
	if (sep == '-' || sep == '/' || sep == '.') {
		if (!(d = read_number(s + n + 1, 1, 2, &month)) || s[n + 1 + d] != sep)
			return 0;
		n += 1 + d + 1;
		if (!(d = read_number(s + n, 1, 2, &day)))
			return 0;
		return finish_date(s, n + d, year, month, day, w);
	}
	return 0;
}

/* "26-06-25" as a file name writes it: YY-MM-DD, 20YY. */
static size_t match_short_year(const char *s, struct when *w)
{
	int yy, month, day;
	size_t d1 = read_number(s, 2, 2, &yy);
	if (!d1 || s[2] != '-' || !read_number(s + 3, 2, 2, &month) || s[5] != '-' ||
	    !read_number(s + 6, 2, 2, &day))
		return 0;
	if (!valid_date(2000 + yy, month, day))
		return 0;
	memset(w, 0, sizeof *w);
	w->year = 2000 + yy;
	w->month = month;
	w->day = day;
	return 8;
}

static void format_when(const struct when *w, char out[DATE_ISO_MAX])
{
	if (!w->has_time) {
		snprintf(out, DATE_ISO_MAX, "%04d-%02d-%02d", w->year, w->month, w->day);
	} else if (!w->has_offset) {
		snprintf(out, DATE_ISO_MAX, "%04d-%02d-%02dT%02d:%02d:%02d", w->year, w->month,
		         w->day, w->hour, w->minute, w->second);
	} else {
		int off = w->offset_minutes < 0 ? -w->offset_minutes : w->offset_minutes;
		snprintf(out, DATE_ISO_MAX, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", w->year,
		         w->month, w->day, w->hour, w->minute, w->second,
		         w->offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
	}
}

/* Every form that can start at S. */
static size_t match_any(const char *s, struct when *w)
{
	size_t n;
	if (is_digit((unsigned char)s[0])) {
		if ((n = match_year_first(s, w)) != 0)
			return n;
		return match_day_first(s, w);
	}
	if ((n = match_month_first(s, w)) != 0)
		return n;
	return match_week_word(s, w);
}

static size_t skip_weekday(const char *s)
{
	static const char *const days[] = {
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"
	};
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		size_t len = strlen(days[i]);
		if (prefix_ci(s, days[i]) && !is_alpha((unsigned char)s[len])) {
			size_t n = len + (s[len] == '.');
			if (s[n] == ',')
				n++;
			size_t gap = skip_spaces(s + n);
			return gap ? n + gap : 0;
		}
	}
	return 0;
}

bool date_parse(const char *s, char out[DATE_ISO_MAX])
{
	if (!s)
		return false;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	s += skip_weekday(s);
	struct when w;
	size_t n = match_any(s, &w);
	if (!n)
		return false;
	while (s[n] == ' ' || s[n] == '\t' || s[n] == '\n' || s[n] == '\r')
		n++;
	if (s[n])
		return false;
	format_when(&w, out);
	return true;
}

/* Whether a date may end at END: not inside a longer number or a version
 * ("2026.02.14.1", "2026-02-14-3"). */
static bool ends_cleanly(const char *end)
{
	if (is_digit((unsigned char)end[0]))
		return false;
	if ((end[0] == '.' || end[0] == '-' || end[0] == '/' || end[0] == ':') &&
	    is_digit((unsigned char)end[1]))
		return false;
	return true;
}

bool date_find(const char *text, char out[DATE_ISO_MAX])
{
	if (!text)
		return false;
	for (const char *p = text; *p; p++) {
		unsigned char c = (unsigned char)*p;
		unsigned char prev = p > text ? (unsigned char)p[-1] : ' ';
		struct when w;
		size_t n = 0;
		if (is_digit(c)) {
			/* not inside a number, a word, an arXiv id or a version */
			if (is_alnum(prev) || prev == '.' || prev == ',' || prev == ':' || prev == '/' ||
			    prev == '+')
				continue;
			if ((n = match_year_first(p, &w)) != 0) {
				/* a compact date must stand alone: "e3f20260214a9" is a hash */
				if (n == 8 && is_digit((unsigned char)p[4]) && is_alpha((unsigned char)p[n]))
					n = 0;
				/* "2026-05-01-06", "2026-05-01_2314": a date and the run's
				 * hour or number, not "05-01-06" further on */
				if (n >= 10 && (p[n] == '-' || p[n] == '_') && is_digit((unsigned char)p[n + 1])) {
					format_when(&w, out);
					return true;
				}
			}
			if (!n && (n = match_short_year(p, &w)) != 0 &&
			    !(prev == '-' || prev == '_' || prev == ' ' || p == text))
				n = 0;
			if (!n)
				n = match_day_first(p, &w);
		} else if (is_alpha(c) && !is_alpha(prev)) {
			n = match_month_first(p, &w);
			if (!n)
				n = match_week_word(p, &w);
		}
		if (n && ends_cleanly(p + n)) {
			format_when(&w, out);
			return true;
		}
	}
	return false;
}

long date_days(const char *iso)
{
	int year, month, day;
	if (!iso || !read_number(iso, 4, 4, &year) || iso[4] != '-' ||
	    !read_number(iso + 5, 2, 2, &month) || iso[7] != '-' || !read_number(iso + 8, 2, 2, &day))
		return -1;
	if (iso[10] && iso[10] != 'T' && iso[10] != ' ')
		return -1;
	if (!valid_date(year, month, day))
		return -1;
	return days_from_civil(year, month, day);
}
