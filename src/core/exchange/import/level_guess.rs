//! The 一级 and 二级 of an indicator row whose level cells a copy lost (a web page that
//! split merged cells into rows of their own), told from the indicator's name and value
//! by the words each 二级 of the template is known by.

use crate::core::template::GridSpec;

/// Words of a name (or, last, a value's unit) and the 二级 they point to, first match
/// wins: satisfaction before rates, cost before time, time before quality.
const CUES: &[(&[&str], &str)] = &[
    (&["满意"], "满意"),
    (&["成本", "补助标准", "单价", "造价", "费用"], "成本"),
    (
        &[
            "时限",
            "及时",
            "按期",
            "按时",
            "期限",
            "周期",
            "开工",
            "竣工",
            "完成时间",
        ],
        "时效",
    ),
    (
        &[
            "合格", "达标", "成活", "质量", "优良", "完好", "准确", "规范",
        ],
        "质量",
    ),
    (&["收入", "增收", "产值", "经济"], "经济效益"),
    (&["生态", "环境", "绿化", "排放", "节能"], "生态效益"),
    (&["持续", "长效", "年限"], "可持续影响"),
    (&["受益", "带动", "就业", "社会"], "社会效益"),
    (
        &[
            "数量", "个数", "人数", "人次", "次数", "面积", "长度", "里程", "规模",
        ],
        "数量",
    ),
];

/// Units that count things: a value like "≥1个" is a 数量.
const COUNTING: &[&str] = &[
    "个",
    "人",
    "次",
    "座",
    "户",
    "亩",
    "公里",
    "平方米",
    "台",
    "套",
    "项",
    "场",
];

/// The (一级, 二级) of `spec`'s skeleton that `name` (with `value`) most likely belongs
/// to, if any word tells.
pub(super) fn guess(name: &str, value: &str, spec: &GridSpec) -> Option<(String, String)> {
    let base = CUES
        .iter()
        .find(|(words, _)| words.iter().any(|w| name.contains(w)))
        .map(|(_, base)| *base)
        .or_else(|| {
            let unit = value.trim_end_matches(|c: char| c.is_whitespace());
            COUNTING.iter().any(|u| unit.ends_with(u)).then_some("数量")
        })?;
    spec.skeleton.iter().find_map(|l1| {
        l1.groups
            .iter()
            .find(|g| g.contains(base))
            .map(|g| (l1.name.clone(), g.clone()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_without_levels_are_told_by_their_words() {
        let spec = &crate::core::template::built_in("national-88")
            .unwrap()
            .grids[0];
        let at =
            |name: &str, value: &str| guess(name, value, spec).map(|(a, b)| format!("{a}/{b}"));
        assert_eq!(
            at("贫困地区新增特色产业数量", "≥1个").as_deref(),
            Some("产出指标/数量指标")
        );
        assert_eq!(
            at("贫困地区建设少数民族聚居村养殖场", "≥1个").as_deref(),
            Some("产出指标/数量指标")
        );
        assert_eq!(
            at("养殖动物成活率(目标)", "≥95%").as_deref(),
            Some("产出指标/质量指标")
        );
        assert_eq!(
            at("项目(工程)验收合格率", "100%").as_deref(),
            Some("产出指标/质量指标")
        );
        assert_eq!(
            at("竣工时限", "2021年9月").as_deref(),
            Some("产出指标/时效指标")
        );
        assert_eq!(
            at("受益脱贫户满意度", "≥95%").as_deref(),
            Some("满意度指标/服务对象满意度指标")
        );
        assert_eq!(
            at("带动增加脱贫人口收入", "≥2万元").as_deref(),
            Some("效益指标/经济效益指标")
        );
        assert_eq!(at("其他", "良好"), None);
    }
}
