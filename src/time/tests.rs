//! Rule families, one test each, on sentences made for them.

use super::tag;
use crate::model::{TimexMod, TimexType};
use chrono::NaiveDateTime;

fn at(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").ok()
}

/// (text, value, mod) of every expression.
fn t(text: &str, reference: &str) -> Vec<(String, String, Option<TimexMod>)> {
    tag(text, at(reference))
        .into_iter()
        .map(|x| (x.text, x.value, x.modifier))
        .collect()
}

fn one(text: &str, value: &str, m: Option<TimexMod>) -> (String, String, Option<TimexMod>) {
    (text.to_string(), value.to_string(), m)
}

#[test]
fn absolute_dates_in_every_writing() {
    let r = "2023-05-10 09:00";
    assert_eq!(
        t("会议定于2021年3月5日召开", r),
        vec![one("2021年3月5日", "2021-03-05", None)]
    );
    assert_eq!(
        t("在 2021 年 9 月 发布", r),
        vec![one("2021 年 9 月", "2021-09", None)]
    );
    assert_eq!(
        t("二〇二一年十一月二十七日", r),
        vec![one("二〇二一年十一月二十七日", "2021-11-27", None)]
    );
    assert_eq!(
        t("截至二零二三年九月三十日止", r),
        vec![one("二零二三年九月三十日", "2023-09-30", None)]
    );
    assert_eq!(
        t("发布于2024-04-10 17:03", r),
        vec![one("2024-04-10 17:03", "2024-04-10T17:03", None)]
    );
    assert_eq!(
        t("数据截至2019/04/19", r),
        vec![one("2019/04/19", "2019-04-19", None)]
    );
}

#[test]
fn year_less_dates_take_the_nearest_year() {
    // Published in March: last November, not the coming one.
    assert_eq!(
        t("微信在 11 月底已支持", "2022-03-26 07:00"),
        vec![one("11 月底", "2021-11", Some(TimexMod::End))]
    );
    // The paragraph's year wins.
    assert_eq!(
        t("2016年10月动工；11月初开工。", "2023-11-16 08:00"),
        vec![
            one("2016年10月", "2016-10", None),
            one("11月初", "2016-11", Some(TimexMod::Start))
        ]
    );
    // A new paragraph forgets it.
    assert_eq!(
        t("2016年10月动工。\n10月8日发布", "2023-11-16 08:00")[1],
        one("10月8日", "2023-10-08", None)
    );
    // 今年 sets the year, but not for something already done that would
    // lie ahead.
    assert_eq!(
        t("今年1月，微信在 11 月底已支持", "2022-03-26 07:00")[1],
        one("11 月底", "2021-11", Some(TimexMod::End))
    );
    // "since" cannot point ahead.
    assert_eq!(
        t("自5月13日立案调查以来", "2022-12-27 00:00"),
        vec![one("5月13日", "2022-05-13", None)]
    );
}

#[test]
fn deictic_words_resolve_against_the_reference() {
    let r = "2023-07-19 10:00";
    let v: Vec<String> = t(
        "今天、昨日、今年、去年、上月、本周、目前、此前、未来、下一步",
        r,
    )
    .into_iter()
    .map(|x| x.1)
    .collect();
    assert_eq!(
        v,
        [
            "2023-07-19",
            "2023-07-18",
            "2023",
            "2022",
            "2023-06",
            "2023-W29",
            "PRESENT_REF",
            "PAST_REF",
            "FUTURE_REF",
            "FUTURE_REF"
        ]
    );
    assert_eq!(
        t("上月底", r),
        vec![one("上月底", "2023-06", Some(TimexMod::End))]
    );
    assert_eq!(
        t("今年以来", r),
        vec![one("今年以来", "2023", Some(TimexMod::After))]
    );
}

#[test]
fn near_term_reads_the_clause() {
    let r = "2023-10-31 00:00";
    assert_eq!(t("微博将于近期引导用户", r)[0].1, "FUTURE_REF");
    assert_eq!(t("近期接到用户反馈", r)[0].1, "PAST_REF");
}

#[test]
fn anaphora_follow_the_narrative() {
    let r = "2023-11-24 00:00";
    assert_eq!(
        t("2011年，淘宝在12月12日上线活动，当天交易额大增。", r),
        vec![
            one("2011年", "2011", None),
            one("12月12日", "2011-12-12", None),
            one("当天", "2011-12-12", None)
        ]
    );
    assert_eq!(
        t("2003年5月客运终止。此后再无列车。", r),
        vec![
            one("2003年5月", "2003-05", None),
            one("此后", "2003-05", Some(TimexMod::After))
        ]
    );
    assert_eq!(
        t("2010年4月发布，当年12月又发布", r)[1],
        one("当年12月", "2010-12", None)
    );
}

#[test]
fn quarters_halves_and_same_period() {
    let r = "2023-11-15 00:00";
    assert_eq!(
        t("2023年第三季度营收增长，第三季度利润较去年同期上升", r),
        vec![
            one("2023年第三季度", "2023-Q3", None),
            one("第三季度", "2023-Q3", None),
            one("去年同期", "2022-Q3", None)
        ]
    );
    assert_eq!(
        t("2022年上半年", r),
        vec![one("2022年上半年", "2022-H1", None)]
    );
    assert_eq!(
        t("截至三季度末", r),
        vec![one("三季度末", "2023-Q3", Some(TimexMod::End))]
    );
}

#[test]
fn mods_before_after_approx() {
    let r = "2022-01-27 00:00";
    assert_eq!(
        t("2021 年 9 月，要求在 9 月 17 日前解除", r)[1],
        one("9 月 17 日前", "2021-09-17", Some(TimexMod::Before))
    );
    assert_eq!(
        t("自2024年1月1日起施行", r),
        vec![one("2024年1月1日起", "2024-01-01", Some(TimexMod::After))]
    );
    assert_eq!(
        t("2030年左右商用", r),
        vec![one("2030年左右", "2030", Some(TimexMod::Approx))]
    );
    assert_eq!(t("2021年前三季度", r), vec![one("2021年", "2021", None)]);
}

#[test]
fn festivals_and_shopping_days() {
    let r = "2023-04-24 00:00";
    let v: Vec<String> = t("五一、端午、中秋和国庆假期前", r)
        .into_iter()
        .map(|x| x.1)
        .collect();
    assert_eq!(v, ["2023-05-01", "2023-06-22", "2023-09-29", "2023-10-01"]);
    assert_eq!(
        t("2023年春节假期", r),
        vec![one("2023年春节", "2023-01-22", None)]
    );
    assert_eq!(
        t("今年双十一期间", "2023-11-13 00:00"),
        vec![one("今年双十一", "2023-11-11", None)]
    );
    // A price is not a festival.
    assert!(t("售价618元", r).is_empty());
    assert_eq!(
        t("今年618大促", "2023-11-24 00:00"),
        vec![one("今年618", "2023-06-18", None)]
    );
    // Generic: every year.
    assert_eq!(t("每逢情人节", r), vec![one("情人节", "XXXX-02-14", None)]);
}

#[test]
fn durations_with_a_number() {
    let r = "2023-02-20 00:00";
    let d = |s: &str| t(s, r).into_iter().map(|x| x.1).collect::<Vec<_>>();
    assert_eq!(d("为期三个月"), ["P3M"]);
    assert_eq!(d("入境14日内"), ["P14D"]);
    assert_eq!(t("入境14日内", r)[0].0, "14日");
    assert_eq!(d("近两年"), ["P2Y"]);
    assert_eq!(d("二十多年来"), ["P20Y"]);
    assert_eq!(d("半小时"), ["PT30M"]);
    assert_eq!(d("半年多"), ["P6M"]);
    assert_eq!(d("一个半小时"), ["PT90M"]);
    assert_eq!(d("四年六个月"), ["P4Y6M"]);
    // 多 after 个 is "more than", as after the unit.
    assert_eq!(d("等了两个多月才开通"), ["P2M"]);
    assert_eq!(t("排队三个多小时", r)[0].0, "三个多小时");
    assert_eq!(d("过去五个余月"), ["P5M"]);
    assert!(d("两个多元化平台").is_empty());
    assert_eq!(
        t("3、4分钟", r),
        vec![one("3、4分钟", "PT3M", Some(TimexMod::Approx))]
    );
    // Not durations: vague, counts of trading days.
    assert!(d("一段时间").is_empty());
    assert!(d("数月内").is_empty());
    assert!(d("两个交易日").is_empty());
    let all = tag("为期三个月", at(r));
    assert_eq!(all[0].kind, TimexType::Duration);
}

#[test]
fn offsets_from_the_reference() {
    let r = "2023-10-17 00:00";
    assert_eq!(t("两年前", r), vec![one("两年前", "2021", None)]);
    assert_eq!(t("三天后", r), vec![one("三天后", "2023-10-20", None)]);
    // Hours after count from an event: a length.
    assert_eq!(
        t("1个半小时后恢复", r),
        vec![one("1个半小时", "PT90M", None)]
    );
}

#[test]
fn sets() {
    let r = "2023-04-24 00:00";
    let v: Vec<(String, TimexType)> = tag("每年、每日、每个月", at(r))
        .into_iter()
        .map(|x| (x.value, x.kind))
        .collect();
    assert_eq!(
        v,
        [
            ("P1Y".to_string(), TimexType::Set),
            ("P1D".to_string(), TimexType::Set),
            ("P1M".to_string(), TimexType::Set)
        ]
    );
    // 每年 before a date makes the date generic instead.
    assert_eq!(
        t("每年4月1日至次年3月31日", r),
        vec![
            one("4月1日", "XXXX-04-01", None),
            one("次年3月31日", "XXXX-03-31", None)
        ]
    );
}

#[test]
fn times_of_day() {
    let r = "2023-07-07 08:00";
    assert_eq!(
        t("7月7日晚间", r),
        vec![one("7月7日晚间", "2023-07-07TEV", None)]
    );
    assert_eq!(t("6月26日早间", r)[0].1, "2023-06-26TMO");
    assert_eq!(t("今天上午10点", r)[0].1, "2023-07-07T10");
    assert_eq!(t("今晚8点", r)[0].1, "2023-07-07T20");
    assert_eq!(t("下午3:30", r)[0].1, "2023-07-07T15:30");
    assert_eq!(tag("7月7日晚间", at(r))[0].kind, TimexType::Time);
}

#[test]
fn weekdays_and_weeks() {
    // A Tuesday.
    let r = "2013-02-12 04:30";
    assert_eq!(t("上周五", r)[0].1, "2013-02-08");
    assert_eq!(t("下周三", r)[0].1, "2013-02-20");
    assert_eq!(t("上周", r)[0].1, "2013-W06");
    assert_eq!(t("十月第一个星期一", "2013-09-01 00:00")[0].1, "2013-10-07");
}

#[test]
fn not_times() {
    let r = "2023-07-07 08:00";
    for s in [
        "升级到iOS 15后",
        "Android 12 系统",
        "支持5G网络",
        "这个玩具一点都不好玩",
        "二十点六",
        "调高24点5度",
        "身份证号140302197706220124",
        "今年26岁",
        "出现在单笔订单",
        "八点健闻报道",
        "以下年轻人",
    ] {
        let got = t(s, r);
        assert!(
            got.iter()
                .all(|(_, v, _)| v != "2023" || s.contains("今年"))
                && (s.contains("今年") || got.is_empty()),
            "{s}: {got:?}"
        );
    }
}

#[test]
fn no_reference_never_panics() {
    let got = tag("今天、3月5日、目前、2021年9月、此后、三个月", None);
    let values: Vec<&str> = got.iter().map(|x| x.value.as_str()).collect();
    assert!(values.contains(&"PRESENT_REF"));
    assert!(values.contains(&"2021-09"));
    assert!(values.contains(&"P3M"));
    let far = "上".repeat(5000) + "周";
    for s in [
        far.as_str(),
        "99999999999999天后",
        "99999999999999年前",
        "2100年第366天",
        "闰九月初一",
        "",
        "年",
        "月",
        "第",
        "周",
        "2021-",
        "12/",
        "9月31日",
        "每",
        "双1",
        "\u{0}年",
    ] {
        let _ = tag(s, None);
        let _ = tag(s, at("2023-01-01 00:00"));
    }
}

#[test]
fn compact_quarters_and_relative_days() {
    let r = "2023-11-15 09:00";
    assert_eq!(t("2023Q3营收", r), vec![one("2023Q3", "2023-Q3", None)]);
    assert_eq!(t("2024H1目标", r), vec![one("2024H1", "2024-H1", None)]);
    assert_eq!(
        t("11月5日发布，第二天上线", r)[1],
        one("第二天", "2023-11-06", None)
    );
    // Something done on a weekday: the last one (a Wednesday reference).
    assert_eq!(t("周一腾讯已发布财报", r)[0].1, "2023-11-13");
    assert_eq!(t("周五将召开会议", r)[0].1, "2023-11-17");
}

#[test]
fn bare_days_and_yearly_holidays() {
    // Published on the 2nd: the 28th is last month's, unless it is to come.
    assert_eq!(
        t("28日，公司发布公告", "2024-03-02 08:00")[0].1,
        "2024-02-28"
    );
    assert_eq!(t("将于28日举行", "2024-03-02 08:00")[0].1, "2024-03-28");
    // A clause about many years makes a holiday every year's.
    assert_eq!(
        t("连续多年不公布双12的成交额", "2023-11-24 00:00")[0].1,
        "XXXX-12-12"
    );
}

proptest::proptest! {
    #[test]
    fn any_text_gives_well_formed_spans(s in "[0-9年月日号点时分秒周天前后初底末今去明上下本同当每近第季度半个两三十廿〇零一二 :：/.\\-]{0,40}") {
        for x in tag(&s, at("2023-01-01 00:00")) {
            proptest::prop_assert!(s.is_char_boundary(x.span.start) && s.is_char_boundary(x.span.end));
            proptest::prop_assert!(x.span.start < x.span.end && x.span.end <= s.len());
            proptest::prop_assert!(!x.value.is_empty());
        }
    }
}

#[test]
fn comparison_periods_do_not_set_the_paragraph_year() {
    // 去年同期 is last year's figure; the holiday after it is this season's.
    let got = t(
        "客流比去年同期增长三成，高峰将出现在春节假期最后一天（2月12日，正月初三）",
        "2021-01-20 10:00",
    );
    let v: Vec<&str> = got.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(v, ["2020", "2021-02-12", "2021-02-12", "2021-02-14"]);
}

#[test]
fn a_narrative_year_holds_its_own_new_years_eve() {
    // 2021年春节 then 除夕: the eve inside 2021, not the one a year later.
    let got = t("2021年春节假期从2月11日（除夕）开始", "2021-01-05 10:00");
    let v: Vec<&str> = got.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(v, ["2021-02-12", "2021-02-11", "2021-02-11"]);
    // Written on the word, the year is the lunar one.
    assert_eq!(
        t("2023年大年三十", "2021-09-01 10:00"),
        vec![one("2023年大年三十", "2024-02-09", None)]
    );
}

#[test]
fn the_last_day_is_no_length() {
    let r = "2022-05-03 10:00";
    assert!(t("活动最后一天", r).is_empty());
    assert_eq!(
        t("5月1日发布公告，股价此前一天已下跌", r),
        vec![
            one("5月1日", "2022-05-01", None),
            one("此前一天", "2022-04-30", None)
        ]
    );
}

#[test]
fn a_century_opening_a_name_is_no_time() {
    let r = "2022-05-03 10:00";
    assert!(t("据21世纪经济报道消息", r).is_empty());
    assert_eq!(t("进入21世纪以后", r)[0].1, "20");
}

#[test]
fn deictic_words_opening_a_clause() {
    let r = "2022-05-03 10:00";
    let v = |s: &str| -> Vec<String> {
        t(s, r)
            .into_iter()
            .map(|x| format!("{}={}", x.0, x.1))
            .collect()
    };
    assert_eq!(v("现阶段，平台仍在观望"), ["现阶段=PRESENT_REF"]);
    assert_eq!(v("眼下正是旺季"), ["眼下=PRESENT_REF"]);
    assert_eq!(v("连日来，多地降雨"), ["连日来=PAST_REF"]);
    assert_eq!(v("前几天他还说没问题"), ["前几天=PAST_REF"]);
    assert_eq!(v("这些经验可供日后参考"), ["日后=FUTURE_REF"]);
    assert_eq!(v("不排除以后会开放"), ["以后=FUTURE_REF"]);
    assert_eq!(v("生意不如以前好做"), ["以前=PAST_REF"]);
    assert_eq!(v("过去各地自建系统"), ["过去=PAST_REF"]);
    // After an event they date nothing; 过去了 is a verb.
    assert!(v("新规实行以后的情况").is_empty());
    assert!(v("高铁开通之前").is_empty());
    assert!(v("三年过去了").iter().all(|x| !x.starts_with("过去")));
    // 之后 opening a clause follows the last date told.
    assert_eq!(
        v("2021年3月，双方签约。之后，合作扩大"),
        ["2021年3月=2021-03", "之后=2021-03"]
    );
    assert!(v("继小米之后").is_empty());
}

#[test]
fn evening_after_a_day_of_the_month() {
    let r = "2022-05-20 10:00";
    assert_eq!(
        t("平台18日晚发布公告", r),
        vec![one("18日晚", "2022-05-18TEV", None)]
    );
    assert_eq!(t("不晚于18日晚些时候", r)[0].0, "18日");
}

/// `text=value` (with `:MOD` when there is one) of every expression.
fn tv(s: &str, r: &str) -> Vec<String> {
    t(s, r)
        .into_iter()
        .map(|x| match x.2 {
            Some(m) => format!("{}={}:{m:?}", x.0, x.1),
            None => format!("{}={}", x.0, x.1),
        })
        .collect()
}

#[test]
fn words_that_follow_the_story_not_the_publication() {
    let r = "2024-01-19 10:00";
    // 来年 and 那一年 take the story's year.
    assert_eq!(
        tv("他2020年加入公司，于来年5月调往新部门。", r),
        ["2020年=2020", "来年5月=2021-05"]
    );
    assert_eq!(
        tv("2018年初，公司完成改组。那一年，员工首次过万。", r),
        ["2018年初=2018:Start", "那一年=2018"]
    );
    // 那天 is the time told last, at its own precision.
    assert_eq!(
        tv("样片大约拍于8月底，那天他没有去地里。", "2023-09-19 10:00"),
        ["8月底=2023-08:End", "那天=2023-08"]
    );
    // 当晚 after a dated event, even with a coarser time between.
    assert_eq!(
        tv(
            "1月8日，公司公告今年前三季度收入虚增，公告发布当晚股价大跌。",
            r
        ),
        ["1月8日=2024-01-08", "今年=2024", "当晚=2024-01-08TEV"]
    );
}

#[test]
fn offsets_are_points_of_the_story() {
    let r = "2024-03-22 10:00";
    // 一年后 after 一年前 counts from it, not from the publication.
    assert_eq!(
        tv("一年前，这家公司还在亏损；一年后，它已扭亏为盈。", r),
        ["一年前=2023", "一年后=2024"]
    );
    // With a future cue it counts from now.
    assert_eq!(
        tv("一年前公司还在亏损，预计一年后将上市。", r),
        ["一年前=2023", "一年后=2025"]
    );
    // 此后 follows the offset.
    assert_eq!(
        tv(
            "就在一个月前，直播间被封。此后，他们转去自家应用。",
            "2023-08-24 10:00"
        ),
        ["一个月前=2023-07", "此后=2023-07:After"]
    );
}

#[test]
fn comparisons_do_not_move_the_story() {
    let r = "2024-01-16 10:00";
    // A second year in one clause compares: 春节 stays this year's.
    assert_eq!(
        tv(
            "今年客流在去年高位运行的基础上继续攀升，高峰将出现在春节假期的最后一天（2月17日）。",
            r
        ),
        [
            "今年=2024",
            "去年=2023",
            "春节=2024-02-10",
            "2月17日=2024-02-17"
        ]
    );
    // A list of years tells both.
    assert_eq!(
        tv("2018年和2019年，占比分别为10%和12%，9月上线。", r),
        ["2018年=2018", "2019年=2019", "9月=2019-09"]
    );
    // 于2019年水平 and 与…持平 compare: 年初 and 第三季度 stay in the
    // reported year.
    assert_eq!(
        tv(
            "二季度预订量近两倍于2019年水平。\n业务并没有年初预期的那么好。",
            "2023-09-08 10:00"
        ),
        ["二季度=2023-Q2", "2019年=2019", "年初=2023:Start"]
    );
    assert_eq!(
        tv(
            "利润率与2022年第三季度持平。\n第三季度净利润为79亿元。",
            "2023-11-15 10:00"
        ),
        ["2022年第三季度=2022-Q3", "第三季度=2023-Q3"]
    );
}

#[test]
fn quarters_and_year_parts_in_a_past_story() {
    let r = "2023-09-08 10:00";
    // A quarter told in the past after the story moved to 2016.
    assert_eq!(
        tv(
            "从2016年开始，公司收购多家企业。\n他曾在第四季度业绩会上定下目标。",
            r
        ),
        ["2016年=2016", "第四季度=2016-Q4"]
    );
    // A bare quarter in a report is the current one.
    assert_eq!(
        tv("第三季度营收增长", "2023-11-15 10:00"),
        ["第三季度=2023-Q3"]
    );
    assert_eq!(
        tv("从去年中旬开始，平台就已对接商家。", "2023-02-08 10:00"),
        ["去年中旬=2022:Mid"]
    );
}

#[test]
fn holidays_after_the_story_has_moved_on_are_yearly() {
    let r = "2023-11-24 10:00";
    // 此后/之后 in the sentence: every year's shopping days.
    assert_eq!(
        tv(
            "2011年，淘宝在12月12日上线活动，但在之后的发展中，前有双11压场。",
            r
        ),
        [
            "2011年=2011",
            "12月12日=2011-12-12",
            "之后=2011-12-12:After",
            "双11=XXXX-11-11"
        ]
    );
    assert_eq!(
        tv(
            "2021年，双方合作。此后的合作仅限于618或双十一期间。",
            "2023-05-11 10:00"
        ),
        [
            "2021年=2021",
            "此后=2021:After",
            "618=XXXX-06-18",
            "双十一=XXXX-11-11"
        ]
    );
    // A holiday with its own year is that year's.
    assert_eq!(
        tv("2021年用户超2.5亿，当年双十一订单大增。", r),
        ["2021年=2021", "当年双十一=2021-11-11"]
    );
}

#[test]
fn end_of_day_keeps_its_hour() {
    assert_eq!(
        tv("免费时段为2月9日00:00至2月17日24:00", "2024-01-16 10:00"),
        [
            "2月9日00:00=2024-02-09T00:00",
            "2月17日24:00=2024-02-17T24:00"
        ]
    );
}

#[test]
fn bare_years_before_names_and_in_ranges() {
    let r = "2024-03-22 10:00";
    assert_eq!(tv("在2023环球旅讯峰会上", r), ["2023=2023"]);
    assert_eq!(tv("带动2023 全年GMV超万亿", r), ["2023=2023"]);
    assert_eq!(
        tv("预计2024-2026 年市场规模复合增长18%", r),
        ["2024=2024", "2026 年=2026"]
    );
    // Counts, prices and document numbers are not years.
    assert!(tv("共有2023家企业，售价2000元", r).is_empty());
    assert!(tv("见税务总局公告2021年第42号", r).is_empty());
    assert!(tv("全年一次性奖金单独计税", r).is_empty());
}

#[test]
fn durations_about_and_anniversaries() {
    let r = "2023-07-19 10:00";
    assert_eq!(
        tv("检查后两个月左右可拿到牌照", r),
        ["两个月左右=P2M:Approx"]
    );
    assert_eq!(tv("谁能在下一个10年领先", r), ["下一个10年=P10Y"]);
    // Anniversaries and figures of speech are not lengths of time.
    assert_eq!(
        tv("余额宝上线至今10周年，业务持续", r),
        ["至今=PRESENT_REF"]
    );
    assert!(tv("迎来5周年纪念", r).is_empty());
    assert!(tv("改变了延续百年的习惯", r).is_empty());
    assert_eq!(tv("4周年", r), ["4周年=P4Y"]);
    assert_eq!(tv("据2022年三季报显示", r), ["2022年三季=2022-Q3"]);
}

#[test]
fn weekdays_of_every_week_and_in_brackets() {
    let r = "2023-06-30 10:00";
    assert_eq!(tv("每周一闭馆", r), ["每周一=XXXX-WXX-1"]);
    assert_eq!(tv("每周一次例会", r), ["每周=P1W"]);
    assert_eq!(
        tv("从7月8日（周六）开始", r),
        ["7月8日=2023-07-08", "周六=2023-07-08"]
    );
    assert_eq!(
        tv("6月1日周四发布", "2023-05-20 10:00"),
        ["6月1日周四=2023-06-01"]
    );
}

#[test]
fn lone_parts_of_the_day_and_look_alikes() {
    let r = "2021-06-14 10:00";
    assert_eq!(tv("白天", r), ["白天=2021-06-14TDT"]);
    assert_eq!(tv("午后", r), ["午后=2021-06-14TAF"]);
    assert_eq!(tv("下午，公司回应称", r), ["下午=2021-06-14TAF"]);
    assert!(tv("一起喝下午茶", r).is_empty());
    assert!(tv("打开夜间模式", r).is_empty());
    // 最近 after 离 is "nearest"; 前期的 is a stage.
    assert!(tv("交给离客户最近、最了解市场的人", r).is_empty());
    assert!(tv("平台在前期的大力扶持", r).is_empty());
}

#[test]
fn cantonese_minutes_count_in_fives() {
    let r = "2013-02-12 04:30";
    assert_eq!(tv("晏晝三點三", r), ["晏晝三點三=2013-02-12T15:15"]);
    assert_eq!(tv("晏晝三點踏一", r), ["晏晝三點踏一=2013-02-12T15:05"]);
    assert_eq!(tv("晏晝三點搭半", r), ["晏晝三點搭半=2013-02-12T15:30"]);
    assert_eq!(tv("晏晝三點三個字", r), ["晏晝三點三個字=2013-02-12T15:15"]);
    assert_eq!(tv("下午三點一刻", r), ["下午三點一刻=2013-02-12T15:15"]);
}

/// The fast scanner (byte-level start test, filtered pair test, number
/// memo, the skip over long numbers, the look-ahead past 个) against the
/// plain one, on made-up edge cases and on real articles.
#[test]
fn fast_scan_finds_what_the_plain_scan_finds() {
    use super::recognize::{scan, scan_reference};
    let mut texts: Vec<String> = [
        "一个月后，一个半小时，两个人，三个 月，3个季度，十个星期，一个多月，两個鐘",
        "5个 月，12个小时内，第3个月，2021年第8个月，一个星期三，个把月，几个月",
        "2000万小时，35,000元，2.7天；\n2.7天，iOS 15，A14，v2.0.1，¥618，618元，618大促",
        "二〇二一年十一月二十七日，十一月底，三四天，一二三四五六七八九十百千万亿年",
        "20240307，2024-03-07 09:30，3/3/2015，6·30，09-01 20:01，2023Q3，2024H1",
        "今天、明天、上周五、下个月、这个季度、这一年、这个人、上下游、国际儿童节、国际贸易",
        "𠀀𠀁2021年𠀂，Ω2022年，é3月5日，\u{FEFF}10点半，早8点，晚上十点一刻",
        "2.5天，1.2万小时，3.5亿元，；1.5天，\n2.5天，2019.9.6，3.，3.5.6天，12.5 年，0.5个月",
        "；12.5天，;3.5天，\n12.3.4，2019.09.06 10:00，1.5万年，3..5天，.5天，5.天，1.5 小时",
        "一",
        "1",
        "个",
        "",
        "年",
        "2021",
        "一个",
        "3个",
        "月",
        "Q",
        "Q3",
        "100万元，100万小时，1.5万小时，20万年，2000 万小时，5万年前，3万，十万年",
        "第三季度，第2财季，第 3 季度，第一季报，第二天，第一次，第3条，第一，第",
        "这个问题，这一年，这个月，这周五，这个星期，这个世纪，这3年，这一次，这",
        "超过100人，过3年，过去3年，过 3天，大3岁，同3月，前3个月，前两个季度，早8点，双11",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let limits = crate::read::Limits::default();
    for dir in [
        "seeds",
        "tests/fixtures/heldout",
        "../shared/corpus/dev",
        "../shared/corpus/bulk",
    ] {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        files.truncate(400);
        for f in files {
            for a in crate::read::read_path(&f, &limits).unwrap_or_default() {
                texts.push(crate::text::document(&a).norm);
            }
        }
    }
    assert!(texts.len() > 20, "seed articles are readable");
    for t in &texts {
        assert_eq!(scan(t), scan_reference(t), "{t}");
    }
}

/// The same on strings drawn from the characters times are made of, where
/// the gates are tested hardest.
#[test]
fn fast_scan_agrees_on_generated_strings() {
    use super::recognize::{scan, scan_reference};
    let alphabet: Vec<char> =
        "0123456789一二两三十百万个個年月日号点时分秒周天小半多第上下今本这前后初底 ,.:-/、人元Q国际在至此早晚双过去现当；\n季财次条星期世纪超大同"
            .chars()
            .collect();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..50_000 {
        let len = 1 + next(12);
        let t: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
        assert_eq!(scan(&t), scan_reference(&t), "{t}");
    }
}

#[test]
fn a_person_named_guoqing_is_no_holiday() {
    let r = "2023-09-20 10:00";
    assert!(tv("当当创始人李国庆表示，将继续创业。", r).is_empty());
    assert!(tv("张国庆、王国庆均出席了会议", r).is_empty());
    assert_eq!(tv("今年国庆假期，出游人数大增", r), ["今年国庆=2023-10-01"]);
    assert_eq!(tv("于国庆期间上线", r), ["国庆=2023-10-01"]);
}

#[test]
fn vague_spans_of_years_are_no_timexes() {
    let r = "2023-03-22 10:00";
    assert!(tv("过去几年，行业增速放缓。", r).is_empty());
    assert!(tv("公司在过去数年里持续亏损", r).is_empty());
    assert_eq!(tv("近些年来，平台互通加快", r), ["近些年来=PAST_REF"]);
    assert_eq!(tv("过去，各地各自为政", r), ["过去=PAST_REF"]);
}

#[test]
fn day_words_inside_other_words_are_not_cut_out() {
    let r = "2023-08-18 10:00";
    assert!(tv("退款将在3个工作日后到账", r).is_empty());
    assert!(tv("资金于交易日后划转", r).is_empty());
    assert_eq!(tv("日后还会开放更多接口", r), ["日后=FUTURE_REF"]);
}

#[test]
fn this_month_after_an_event_has_no_value() {
    let r = "2023-01-09 10:00";
    // Counted from an event, or generic: no calendar month.
    assert!(tv("自领取养老金的次月起按月发放", r).is_empty());
    assert!(tv("假设骑手当月完成500单", r).is_empty());
    assert!(tv("参保人员在退休待遇当月需采集信息", r).is_empty());
    assert_eq!(tv("当月", r), ["当月=2023-01"]);
    // After a month of the story, that month and the next.
    assert_eq!(
        tv("2022年3月平台上线，当月用户破万，次月开放支付", r),
        ["2022年3月=2022-03", "当月=2022-03", "次月=2022-04"]
    );
    assert_eq!(
        tv("2022年3月，甲平台上线。\n同月，乙平台跟进", r),
        ["2022年3月=2022-03", "同月=2022-03"]
    );
}

#[test]
fn full_width_colons_and_typeset_spaces_in_clock_times() {
    let r = "2023-08-18 10:00";
    assert_eq!(
        tv("8月20日10：00开售", r),
        ["8月20日10：00=2023-08-20T10:00"]
    );
    assert_eq!(
        tv("8月20日19： 30截止", r),
        ["8月20日19： 30=2023-08-20T19:30"]
    );
}

#[test]
fn quotes_and_words_after_a_month_stay_outside() {
    let r = "2023-01-10 10:00";
    // An unclosed quote: the year and the festival apart.
    assert_eq!(
        tv("商家宣布2023年“春节不打烊”活动", r),
        ["2023年=2023", "春节=2023-01-22"]
    );
    assert_eq!(
        tv("今年“双11”交易额创新高", "2023-11-12 10:00"),
        ["今年“双11”=2023-11-11"]
    );
    assert_eq!(tv("今年十二月份一定要认证吗", r), ["今年十二月份=2023-12"]);
    assert_eq!(tv("10月22发布", r), ["10月22=2022-10-22"]);
}

/// Undated text: (text, value) with no reference.
fn undated(s: &str) -> Vec<String> {
    tag(s, None)
        .into_iter()
        .map(|x| format!("{}={}", x.text, x.value))
        .collect()
}

#[test]
fn undated_text_keeps_what_it_can_say() {
    assert_eq!(undated("2月10日开放"), ["2月10日=XXXX-02-10"]);
    assert_eq!(undated("去年11月，双方达成合作"), ["去年11月=XXXX-11"]);
    assert_eq!(
        undated("3月上线，目前已覆盖全国"),
        ["3月=XXXX-03", "目前=PRESENT_REF"]
    );
    assert_eq!(
        undated("2月29日上午10点"),
        ["2月29日上午10点=XXXX-02-29T10"]
    );
    assert_eq!(
        undated("营业时间10:00至19:00"),
        ["10:00=XXXX-XX-XXT10:00", "19:00=XXXX-XX-XXT19:00"]
    );
    assert_eq!(undated("双十一当天"), ["双十一=XXXX-11-11"]);
    assert_eq!(
        undated("2月10日发布，10:00起开放"),
        ["2月10日=XXXX-02-10", "10:00起=XXXX-02-10T10:00"]
    );
    // The story's year still dates what follows.
    assert_eq!(
        undated("2021年3月发布，5月10日上线"),
        ["2021年3月=2021-03", "5月10日=2021-05-10"]
    );
    // Nothing to write: dropped, never a bare XXXX.
    assert!(undated("今年").is_empty());
    for s in [
        "",
        "年",
        "月日",
        "今天上午",
        "2月30日",
        "99：99",
        "次月起",
        "当天晚上8点",
    ] {
        let _ = undated(s);
    }
}

#[test]
fn holidays_early_in_the_year_are_the_coming_ones() {
    // Published in January: 春节 is three weeks ahead, not eleven months
    // back, even in a clause that tells something done.
    assert_eq!(
        tv("春节期间，平台推出了红包活动", "2024-01-20 10:00"),
        ["春节=2024-02-10"]
    );
    assert_eq!(
        tv("元宵节前，双方已完成对接", "2024-01-05 10:00"),
        ["元宵节前=2024-02-24:Before"]
    );
    assert_eq!(
        tv("春节前上线", "2024-01-05 10:00"),
        ["春节前=2024-02-10:Before"]
    );
    // Just gone, or told as past and nearer: the last one.
    assert_eq!(
        tv("春节期间，平台推出了红包活动", "2024-02-20 10:00"),
        ["春节=2024-02-10"]
    );
    assert_eq!(
        tv("端午节期间订单增长了三成", "2023-07-20 10:00"),
        ["端午节=2023-06-22"]
    );
    // With no cue a holiday is still the next one.
    assert_eq!(
        tv("端午节将推出新品", "2023-07-20 10:00"),
        ["端午节=2024-06-10"]
    );
}

#[test]
fn a_described_year_is_no_length() {
    let r = "2023-12-30 10:00";
    assert_eq!(tv("2023年是竞争最激烈的一年", r), ["2023年=2023"]);
    assert_eq!(tv("明年将是关键的一年。", r), ["明年=2024"]);
    assert_eq!(tv("那是难忘的一天", r), Vec::<String>::new());
    // Lengths stay lengths.
    assert_eq!(tv("上线后的一年里用户翻倍", r), ["一年=P1Y"]);
    assert_eq!(tv("停更的一年时间里", r), ["一年=P1Y"]);
    assert_eq!(tv("历时一年", r), ["一年=P1Y"]);
}

#[test]
fn opening_hours_are_on_every_day() {
    let r = "2023-06-26 09:00";
    assert_eq!(
        tv("门店每天10:00-22:00营业", r),
        [
            "每天=P1D",
            "10:00=XXXX-XX-XXT10:00",
            "22:00=XXXX-XX-XXT22:00"
        ]
    );
    assert_eq!(
        tv("营业时间：10：00至21：30", r),
        ["10：00=XXXX-XX-XXT10:00", "21：30=XXXX-XX-XXT21:30"]
    );
    // A time of a day told is that day's, and 每日经济新闻 is a paper.
    assert_eq!(tv("今天上午10点开业", r), ["今天上午10点=2023-06-26T10"]);
    assert_eq!(
        tv("据每日经济新闻报道，10:00开盘", r),
        ["10:00=2023-06-26T10:00"]
    );
}

#[test]
fn undated_deictic_days_keep_what_is_known() {
    assert_eq!(undated("今天上线"), ["今天=PRESENT_REF"]);
    assert_eq!(
        undated("昨天发布，明天开放"),
        ["昨天=PAST_REF", "明天=FUTURE_REF"]
    );
    assert_eq!(undated("28日起开放"), ["28日起=XXXX-XX-28"]);
    assert_eq!(
        undated("2月10日发布，28日上线"),
        ["2月10日=XXXX-02-10", "28日=XXXX-02-28"]
    );
    assert_eq!(undated("周三发布"), ["周三=XXXX-WXX-3"]);
    assert_eq!(undated("下周三发布"), ["下周三=FUTURE_REF"]);
    assert_eq!(undated("三天后上线"), ["三天后=FUTURE_REF"]);
    assert_eq!(undated("两年前开始"), ["两年前=PAST_REF"]);
    // A story's own date still anchors them.
    assert_eq!(
        undated("2021年3月5日签约，三天后上线"),
        ["2021年3月5日=2021-03-05", "三天后=2021-03-08"]
    );
    assert_eq!(
        undated("2021年7月8日（周四）发布"),
        ["2021年7月8日=2021-07-08", "周四=2021-07-08"]
    );
    assert_eq!(undated("今天上午10点"), ["今天上午10点=XXXX-XX-XXT10"]);
}

#[test]
fn ranges_of_clock_times_and_days_before_a_part_of_day() {
    let r = "2023-06-26 09:00";
    assert_eq!(
        tv("可预约时段为：09:00-11:00、14:00-16:00", r),
        [
            "09:00=XXXX-XX-XXT09:00",
            "11:00=XXXX-XX-XXT11:00",
            "14:00=XXXX-XX-XXT14:00",
            "16:00=XXXX-XX-XXT16:00"
        ]
    );
    // A day number before a part of the day is a date; 5号线 is not.
    assert_eq!(tv("8号晚上9点开播", r), ["8号晚上9点=2023-06-08T21"]);
    assert!(tv("5号线早已停运", r).is_empty());
    // Version-like ranges stay out.
    assert!(tv("版本1.2-3.4", r).is_empty());
}

#[test]
fn short_years_and_written_lunar_dates() {
    let r = "2021-06-14 01:00";
    // Chinese digits one by one are a year, never a count.
    assert_eq!(tv("九八年", r), ["九八年=1998"]);
    assert_eq!(tv("〇八年", r), ["〇八年=2008"]);
    assert_eq!(tv("一五年上线", r), ["一五年=2015"]);
    assert_eq!(tv("三四年", r), ["三四年=P3Y:Approx"]);
    assert_eq!(tv("未来三五年", r), ["未来三五年=P3Y:Approx"]);
    assert_eq!(tv("三两天就能到", r), ["三两天=P2D:Approx"]);
    // A written lunar date is the nearest one; a lunar holiday the next.
    assert_eq!(tv("大年初十", r), ["大年初十=2021-02-21"]);
    assert_eq!(tv("腊月初十", "2022-01-01 00:00"), ["腊月初十=2022-01-12"]);
    assert_eq!(tv("七夕", r), ["七夕=2021-08-14"]);
    // 初 closing a month before a word that opens with a numeral.
    assert_eq!(
        tv("10月初一个宝宝受伤", "2023-10-25 10:00"),
        ["10月初=2023-10:Start"]
    );
}

#[test]
fn until_this_year_is_this_year_not_until_now() {
    let r = "2026-02-08 10:00";
    // 截至今年4月末: 至今 would take the 今 of 今年 and leave 4月末 unanchored.
    assert_eq!(
        tv("截至今年4月末，用户数突破1亿", r),
        ["今年4月末=2026-04:End"]
    );
    assert_eq!(tv("截至今天，已有百家接入", r), ["今天=2026-02-08"]);
    assert_eq!(tv("这一限制至今仍未取消", r), ["至今=PRESENT_REF"]);
}

#[test]
fn from_this_day_on_is_the_publication_day() {
    let r = "2026-02-08 10:00";
    assert_eq!(
        tv("即日起，用户可在微信中打开链接", r),
        ["即日起=2026-02-08:After"]
    );
}

#[test]
fn a_length_after_an_event_counts_from_it() {
    let r = "2023-05-10 10:00";
    // The event's date is not told: the length stays a length.
    assert_eq!(tv("在两家公司合作三个月后，新功能上线", r), ["三个月=P3M"]);
    assert_eq!(tv("应用改版半年后就实现了盈利", r), ["半年=P6M"]);
    assert_eq!(tv("对手降价10天后，平台跟进", r), ["10天=P10D"]);
    // From the publication or a date told, it is a point.
    assert_eq!(tv("公司三年后将上市", r), ["三年后=2026"]);
    assert_eq!(
        tv("2019年3月，双方签约，一个月后功能上线", r),
        ["2019年3月=2019-03", "一个月后=2019-04"]
    );
    assert_eq!(tv("新规将在两年后施行", r), ["两年后=2025"]);
    let got = tv("2021年3月双方签约，仅20天后，合作生变", r);
    assert!(got[1].starts_with("20天后="), "{got:?}");
}

#[test]
fn after_the_last_time_told() {
    let r = "2023-05-10 10:00";
    assert_eq!(
        tv("2021年3月，平台开放外链。自此，用户可直接跳转", r),
        ["2021年3月=2021-03", "自此=2021-03:After"]
    );
    assert_eq!(
        tv("2020年，两家开始合作，并在之后的几年里不断加深", r),
        ["2020年=2020", "之后=2020:After"]
    );
    // After an event it has no date of its own.
    assert_eq!(tv("新规实施之后，用户增多", r), Vec::<String>::new());
}

#[test]
fn times_after_a_daily_time_are_daily() {
    let r = "2023-06-26 09:00";
    assert_eq!(
        tv(
            "7月1日起，展馆开放时间为上午9:00至12:00，下午13:00至17:00。",
            r
        ),
        [
            "7月1日起=2023-07-01:After",
            "上午9:00=XXXX-XX-XXT09:00",
            "12:00=XXXX-XX-XXT12:00",
            "下午13:00=XXXX-XX-XXT13:00",
            "17:00=XXXX-XX-XXT17:00"
        ]
    );
    assert_eq!(
        tv("每日入场时段为10:00-12:00。游客须于当日18:00前离场。", r),
        [
            "每日=P1D",
            "10:00=XXXX-XX-XXT10:00",
            "12:00=XXXX-XX-XXT12:00",
            "当日18:00前=XXXX-XX-XXT18:00:Before"
        ]
    );
    // A date told after them brings the times back to it.
    assert_eq!(
        tv("营业时间为10:00-22:00。7月1日下午3:00起暂停营业", r),
        [
            "10:00=XXXX-XX-XXT10:00",
            "22:00=XXXX-XX-XXT22:00",
            "7月1日下午3:00起=2023-07-01T15:00:After"
        ]
    );
}

/// 年内 is the year under discussion, alone after a verb or a preposition;
/// 多年内 is vague and 一年内 a length.
#[test]
fn within_the_year() {
    let r = "2023-05-10 00:00";
    let v = |s: &str| t(s, r).into_iter().map(|x| (x.0, x.1)).collect::<Vec<_>>();
    assert_eq!(v("新功能将在年内推出"), [("年内".into(), "2023".into())]);
    assert_eq!(v("公司力争年内完成改造"), [("年内".into(), "2023".into())]);
    assert!(v("多年内不会变化").is_empty());
    assert_eq!(v("一年内完成"), [("一年".into(), "P1Y".into())]);
    // The year the paragraph tells, not the publication's.
    assert_eq!(
        v("2019年，该公司在年内开设了十家门店")[1],
        ("年内".into(), "2019".into())
    );
    // A span, not a point: 当时 keeps the month told before it.
    assert_eq!(
        v("今年3月，平台表示将在年内接入支付，当时已有试点")[2],
        ("当时".into(), "2023-03".into())
    );
}

/// 后续 before 还会 is "later on"; 后续还款 is a noun phrase.
#[test]
fn later_on_before_still() {
    let r = "2023-05-10 00:00";
    assert_eq!(t("后续还会开放更多服务", r)[0].1, "FUTURE_REF");
    assert!(t("缺少后续还款能力", r).is_empty());
}

/// A festival's season in someone's words (“双十一期间…”) is no day the
/// story stands on: a later 当日 refers to the date told before it.
#[test]
fn festival_season_in_quotes_is_not_the_day_referred_to() {
    let r = "2023-11-20 00:00";
    let v = |s: &str| t(s, r).into_iter().map(|x| x.1).collect::<Vec<_>>();
    assert_eq!(
        v("11月16日，公司发布财报。总裁说：“今年双十一期间，订单大增。”当日股价上涨。")
            .last()
            .map(String::as_str),
        Some("2023-11-16")
    );
    // Told by the story itself, the festival is the date referred to.
    assert_eq!(
        v("11月16日，公司发布财报。今年双十一，平台开放了支付。当日订单大增。")
            .last()
            .map(String::as_str),
        Some("2023-11-11")
    );
}

/// 同期 is the period told before it in the sentence, else the reported
/// one; 去年同期 is a year before that period, not before the reference.
#[test]
fn same_period_follows_the_period_compared_with() {
    let r = "2024-03-25 09:00";
    assert_eq!(
        tv(
            "在2024消费大会上，他说今年第二季度订单已达2019年同期的两倍。",
            r
        ),
        ["2024=2024", "今年第二季度=2024-Q2", "2019年同期=2019-Q2"]
    );
    assert_eq!(
        tv("该公司2023年营收增长两成，而去年同期亏损。", r),
        ["2023年=2023", "去年同期=2022"]
    );
    // Told in the reference's own year, the old reading stands.
    assert_eq!(
        tv(
            "公司第三季度营收上涨，去年同期为87亿元。",
            "2023-11-15 09:00"
        ),
        ["第三季度=2023-Q3", "去年同期=2022-Q3"]
    );
}

/// 两季度 counts two quarters (两 never orders); a year of four digits
/// with no 年 before a quarter is its year (2022四季度).
#[test]
fn two_quarters_and_a_year_before_a_quarter() {
    let r = "2024-03-18 09:00";
    assert_eq!(tv("门店连续两季度盈利", r), ["两季度=P6M"]);
    assert_eq!(tv("二季度营收回升", r), ["二季度=2023-Q2"]);
    assert_eq!(tv("公司2022四季度扭亏", r), ["2022四季度=2022-Q4"]);
    assert_eq!(tv("公司2022第四季度扭亏", r), ["2022第四季度=2022-Q4"]);
}

/// 龙年春节: the zodiac year is part of the festival's text.
#[test]
fn zodiac_year_before_a_lunar_festival() {
    let r = "2024-01-20 09:00";
    assert_eq!(tv("商家宣布龙年春节照常发货", r), ["龙年春节=2024-02-10"]);
    assert_eq!(tv("龙年除夕照常营业", r), ["龙年除夕=2024-02-09"]);
    // A zodiac year before anything else is no part of it.
    assert_eq!(tv("马年3月", r), ["3月=2024-03"]);
}

/// A narrative year is a calendar year: its 腊月 dates are those of the
/// lunar year before, which fall in it.
#[test]
fn lunar_dates_fall_in_the_narrative_year() {
    let r = "2024-01-20 09:00";
    assert_eq!(
        tv("2024年春节期间，门店营业时间为腊月二十六至正月初五。", r),
        [
            "2024年春节=2024-02-10",
            "腊月二十六=2024-02-05",
            "正月初五=2024-02-14"
        ]
    );
}

/// 截至发稿前: 发稿前 tells the time by itself, 截至 is a preposition.
#[test]
fn before_press_time() {
    let r = "2024-01-20 09:00";
    assert_eq!(tv("截至发稿前，官方暂未回应。", r), ["发稿前=PRESENT_REF"]);
    assert_eq!(tv("截至发稿时，股价上涨3%。", r), ["发稿时=PRESENT_REF"]);
    assert_eq!(tv("截至发稿，官方暂未回应。", r), ["截至发稿=PRESENT_REF"]);
}

/// 过去 and 以前 after a preposition or a comparison are the past.
#[test]
fn the_past_after_a_preposition() {
    let r = "2024-01-20 09:00";
    assert_eq!(tv("新店比过去其他门店更大", r), ["过去=PAST_REF"]);
    assert_eq!(tv("业务从过去的单一模式转型", r), ["过去=PAST_REF"]);
    assert_eq!(tv("相较于以前的做法", r), ["以前=PAST_REF"]);
    // A verb: no time.
    assert!(t("他走过去看了看", r).is_empty());
}

/// The spaced style keeps prefixes and events: 近 20 年, 成立 5 年后.
#[test]
fn spaced_lengths_keep_their_prefix() {
    let r = "2024-01-20 09:00";
    assert_eq!(tv("近 20 年来", r), ["近 20 年=P20Y"]);
    assert_eq!(tv("过去 30 多年里", r), ["过去 30 多年=P30Y"]);
    // Counted from an event, not from the publication.
    assert_eq!(tv("公司成立 5 年后，开始盈利", r), ["5 年=P5Y"]);
}

/// 这一年 is the year just told, as 那一年; alone, the reference's.
#[test]
fn this_year_told_before() {
    let r = "2024-01-20 09:00";
    assert_eq!(
        tv("2019年1月，他出任总裁。这一年，公司开了百家店。", r),
        ["2019年1月=2019-01", "这一年=2019"]
    );
    assert_eq!(tv("这一年，公司开了百家店。", r), ["这一年=2024"]);
    // 过去这一年 is 过去一年, a length.
    assert_eq!(tv("过去这一年经济变化很大", r), ["过去这一年=P1Y"]);
}

/// 全年无休 is "all year round", not the year.
#[test]
fn all_year_round_is_no_year() {
    let r = "2024-01-20 09:00";
    assert!(t("客服全年无休", r).is_empty());
    assert_eq!(tv("公司全年营收增长", r), ["全年=2024"]);
}

/// A record against a date (创2021年3月以来新低, 2020年初以来最差的) does
/// not move the story: later year-less months keep the publication's year.
#[test]
fn records_since_a_date_do_not_move_the_story() {
    let r = "2023-06-14 09:00";
    assert_eq!(
        tv(
            "美国5月通胀回落，创2021年3月以来新低；5月核心通胀较上年同期上涨。",
            r
        ),
        [
            "5月=2023-05",
            "2021年3月以来=2021-03:After",
            "5月=2023-05",
            "上年同期=2022-05"
        ]
    );
    assert_eq!(
        tv("销量为2020年初以来最差的12月份表现。", "2024-02-02 09:00"),
        ["2020年初=2020:Start", "12月份=2023-12"]
    );
}

/// A since-phrase (2020年以来) is no period a later 同期 compares with.
#[test]
fn same_period_skips_since_phrases() {
    let r = "2023-09-13 09:00";
    assert_eq!(
        tv("今年4月至7月进口量为2020年以来最高，较去年同期增长23%。", r)
            .last()
            .map(String::as_str),
        Some("去年同期=2022-07")
    );
}

/// After a conjunction alone (但 3 个月后，…) the length counts from the
/// story's last date; after an event (在发布 13 天后) it stays a length.
#[test]
fn lengths_after_a_conjunction_count_from_the_story() {
    let r = "2024-03-13 09:00";
    assert_eq!(
        tv("两家店在 2022 年 11 月开业。但 3 个月后，对手也来了。", r),
        ["2022 年 11 月=2022-11", "3 个月后=2023-02"]
    );
    assert_eq!(tv("在发布 13 天后，公司改了名。", r), ["13 天=P13D"]);
}

/// 发稿前不久 is shortly before: 前不久, the past.
#[test]
fn shortly_before_press_time_is_the_past() {
    let r = "2023-09-05 09:00";
    assert_eq!(
        tv("发稿前不久，高盛表示不再预期减产。", r),
        ["前不久=PAST_REF"]
    );
}

/// 十一 before its holiday's words is National Day; elsewhere eleven.
#[test]
fn eleven_before_its_holiday_is_national_day() {
    let r = "2023-09-20 09:00";
    assert_eq!(tv("今年十一黄金周出游大增", r), ["今年十一=2023-10-01"]);
    assert_eq!(tv("十一长假期间门店照常营业", r), ["十一=2023-10-01"]);
    assert_eq!(tv("双十一期间", r), ["双十一=2023-11-11"]);
    assert!(t("第十一期间", r).is_empty());
    assert_eq!(tv("用了十一个月", r), ["十一个月=P11M"]);
}

/// A year-less holiday is the nearer of the last and the next, as a
/// year-less date is; a clause looking ahead takes the next.
#[test]
fn holidays_take_the_nearer_occurrence() {
    assert_eq!(
        tv("国庆长假期间景区爆满", "2023-10-27 09:00"),
        ["国庆=2023-10-01"]
    );
    assert_eq!(
        tv("五一假期的出游数据", "2023-05-19 09:00"),
        ["五一=2023-05-01"]
    );
    assert_eq!(
        tv("国庆将推出新活动", "2023-10-27 09:00"),
        ["国庆=2024-10-01"]
    );
    assert_eq!(
        tv("春节期间快递不打烊", "2023-01-10 09:00"),
        ["春节=2023-01-22"]
    );
}

/// A time right after a day named in brackets is on that day, even in a
/// clause that speaks of time slots; a time slot alone stays daily.
#[test]
fn a_time_after_a_bracketed_day_is_on_that_day() {
    let r = "2024-01-16 09:00";
    assert_eq!(
        tv("免费时段为2月9日（除夕）00:00至2月17日（正月初八）24:00", r),
        [
            "2月9日=2024-02-09",
            "除夕=2024-02-09",
            "00:00=2024-02-09T00:00",
            "2月17日=2024-02-17",
            "正月初八=2024-02-17",
            "24:00=2024-02-17T24:00"
        ]
    );
    assert_eq!(
        tv("开放时段为每日10:00至22:00", r),
        [
            "每日=P1D",
            "10:00=XXXX-XX-XXT10:00",
            "22:00=XXXX-XX-XXT22:00"
        ]
    );
}

/// 许 after a time is "about" (晚上8点许), unless it opens 许多, 许久.
#[test]
fn xu_is_about_unless_it_opens_a_word() {
    let r = "2024-03-18 09:00";
    assert_eq!(tv("今天许多消费者习以为常", r), ["今天=2024-03-18"]);
    assert_eq!(tv("今晚8点许", r), ["今晚8点许=2024-03-18T20:Approx"]);
}
