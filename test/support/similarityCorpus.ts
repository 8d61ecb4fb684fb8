import { OER_LANGUAGES, OER_TOPICS } from '../../adapters/oaipmh/simulator/topics.js';
import type { SimilarityCourse, SourceKind } from '../../subgraphs/insights/similarity/index.js';

/**
 * A seeded evaluation catalogue for near-duplicate detection, written by hand:
 * - translations: the eight OER topics of the OAI-PMH simulator, each in six languages, every language
 *   version held by a different agency;
 * - near-duplicates: the same course reworded by two or three agencies, sometimes also translated, and
 *   same-language rewordings in English, French, Spanish, Arabic, Chinese and Russian;
 * - deliberate non-duplicates: courses on the same goals and themes with different content.
 * `group` is the ground truth: courses of one group cover the same content.
 */
export interface LabelledCourse extends SimilarityCourse {
  readonly group: string | null;
}

const TRANSLATING_AGENCIES: Readonly<Record<(typeof OER_LANGUAGES)[number], string>> = {
  en: 'unitar',
  fr: 'unesco',
  es: 'ilo',
  ar: 'who',
  zh: 'fao',
  ru: 'undp',
};

type Row = readonly [agency: string, language: string, title: string, summary: string, sdgs: readonly number[]];

const NEAR_DUPLICATES: Readonly<Record<string, readonly Row[]>> = {
  psea: [
    [
      'who',
      'en',
      'Preventing sexual exploitation and abuse (PSEA)',
      'Mandatory course for all personnel on preventing sexual exploitation and abuse, reporting obligations and victim assistance.',
      [5, 16],
    ],
    [
      'unicef',
      'en',
      'Prevention of Sexual Exploitation and Abuse',
      'This course explains how staff can prevent sexual exploitation and abuse, how to report concerns, and how victims are supported.',
      [5],
    ],
    [
      'unhcr',
      'fr',
      'Prévention de l’exploitation et des abus sexuels',
      'Cours obligatoire pour tout le personnel sur la prévention de l’exploitation et des abus sexuels et le signalement des cas.',
      [5, 16],
    ],
  ],
  rbm: [
    [
      'undp',
      'en',
      'Results-based management for development projects',
      'Plan, monitor and evaluate development projects using results-based management.',
      [17],
    ],
    [
      'unfpa',
      'en',
      'Managing for results: RBM in development projects',
      'How to plan, monitor and evaluate projects with a results-based management approach.',
      [17],
    ],
    [
      'ilo',
      'es',
      'Gestión basada en resultados para proyectos de desarrollo',
      'Planificar, hacer seguimiento y evaluar proyectos de desarrollo con la gestión basada en resultados.',
      [17],
    ],
  ],
  coordination: [
    [
      'wfp',
      'en',
      'Humanitarian coordination in emergencies',
      'How the humanitarian system coordinates the response to emergencies and crises.',
      [16],
    ],
    [
      'ocha',
      'en',
      'Coordinating humanitarian response',
      'An overview of humanitarian coordination mechanisms in emergency and crisis response.',
      [16],
    ],
    [
      'unhcr',
      'ar',
      'التنسيق الإنساني في حالات الطوارئ',
      'كيف ينسق النظام الإنساني الاستجابة لحالات الطوارئ والأزمات.',
      [16],
    ],
  ],
  childProtection: [
    [
      'unicef',
      'en',
      'Child protection in humanitarian settings',
      'Protecting children from violence, abuse and exploitation during emergencies.',
      [16],
    ],
    [
      'unhcr',
      'ru',
      'Защита детей в гуманитарных ситуациях',
      'Защита детей от насилия, жестокого обращения и эксплуатации в чрезвычайных ситуациях.',
      [16],
    ],
    [
      'wfp',
      'fr',
      'La protection de l’enfance en contexte humanitaire',
      'Protéger les enfants contre la violence, les abus et l’exploitation pendant les urgences.',
      [16],
    ],
  ],
  vaccination: [
    [
      'who',
      'en',
      'COVID-19 vaccination for health workers',
      'Training on COVID-19 vaccine storage, handling and administration for health workers.',
      [3],
    ],
    [
      'unicef',
      'en',
      'Training health workers on COVID-19 vaccines',
      'Storage, handling and safe administration of COVID-19 vaccines: a course for health workers.',
      [3],
    ],
    [
      'paho',
      'es',
      'Vacunación contra la COVID-19 para trabajadores de salud',
      'Capacitación sobre almacenamiento, manejo y administración de la vacuna contra la COVID-19 para el personal de salud.',
      [3],
    ],
  ],
  cyber: [
    [
      'unitar',
      'en',
      'Cybersecurity awareness for UN staff',
      'Protect your data and devices: phishing, passwords and safe use of digital tools.',
      [16],
    ],
    [
      'itu',
      'en',
      'Cybersecurity essentials for staff',
      'Essential practices to protect devices and data from phishing and other cyber threats.',
      [9],
    ],
    ['unops', 'zh', '联合国工作人员网络安全意识', '保护您的数据和设备：网络钓鱼、密码和数字工具的安全使用。', [16]],
  ],
  climateAgriculture: [
    [
      'fao',
      'en',
      'Climate-smart agriculture',
      'Farming practices that increase productivity, build resilience to climate change and reduce emissions.',
      [2, 13],
    ],
    [
      'ifad',
      'fr',
      'L’agriculture intelligente face au climat',
      'Des pratiques agricoles qui augmentent la productivité, renforcent la résilience au changement climatique et réduisent les émissions.',
      [2, 13],
    ],
  ],
  refugees: [
    [
      'unhcr',
      'en',
      'Refugee protection and international law',
      'The international legal framework for the protection of refugees and asylum seekers.',
      [16],
    ],
    [
      'iom',
      'es',
      'Protección de los refugiados y derecho internacional',
      'El marco jurídico internacional para la protección de los refugiados y solicitantes de asilo.',
      [16],
    ],
  ],
  genderMainstreaming: [
    [
      'unwomen',
      'en',
      'Gender mainstreaming in programmes',
      'How to integrate a gender perspective into the planning, implementation and evaluation of programmes.',
      [5],
    ],
    [
      'undp',
      'en',
      'Mainstreaming gender into programme planning',
      'Integrating gender perspectives in programme planning, implementation and evaluation.',
      [5],
    ],
  ],
  plastic: [
    [
      'unep',
      'en',
      'Marine plastic pollution',
      'Sources and impacts of plastic pollution in the ocean and how to reduce plastic waste.',
      [14],
    ],
    [
      'unesco',
      'ru',
      'Загрязнение морской среды пластиком',
      'Источники и последствия загрязнения океана пластиком и способы сокращения пластиковых отходов.',
      [14],
    ],
  ],
  hrba: [
    [
      'ohchr',
      'en',
      'Human rights-based approach to programming',
      'Applying human rights principles and standards to development programming.',
      [16],
    ],
    [
      'unfpa',
      'fr',
      'Approche fondée sur les droits de l’homme dans la programmation',
      'Appliquer les principes et les normes des droits de l’homme à la programmation du développement.',
      [16],
    ],
  ],
  unSystem: [
    [
      'unssc',
      'en',
      'Introduction to the United Nations system',
      'Learn how the UN system is organised: the Charter, principal organs, funds, programmes and specialized agencies.',
      [17],
    ],
    [
      'undp',
      'en',
      'The UN system explained',
      'An overview of the United Nations Charter, its principal organs and the specialized agencies, funds and programmes.',
      [17],
    ],
  ],
  integrity: [
    [
      'unssc',
      'en',
      'Ethics and integrity at the UN',
      'Standards of conduct, conflicts of interest and protection against retaliation for UN personnel.',
      [16],
    ],
    [
      'unops',
      'en',
      'Integrity and ethical conduct for UN staff',
      'Standards of conduct for UN staff: conflicts of interest, gifts, and protection against retaliation.',
      [16],
    ],
  ],
  projectBasics: [
    [
      'unesco',
      'fr',
      'Gestion de projet : les fondamentaux',
      'Planifier, exécuter et clôturer un projet : calendrier, budget, risques et parties prenantes.',
      [17],
    ],
    [
      'ilo',
      'fr',
      'Les bases de la gestion de projet',
      'Planification, exécution et clôture de projets : gestion du calendrier, du budget, des risques et des parties prenantes.',
      [17],
    ],
  ],
  harassment: [
    [
      'paho',
      'es',
      'Prevención del acoso sexual en el lugar de trabajo',
      'Cómo reconocer, prevenir y denunciar el acoso sexual en el trabajo.',
      [5, 8],
    ],
    [
      'unfpa',
      'es',
      'Acoso sexual en el trabajo: prevención y denuncia',
      'Reconocer y prevenir el acoso sexual en el lugar de trabajo y saber cómo denunciarlo.',
      [5, 8],
    ],
  ],
  localDrr: [
    [
      'undrr',
      'en',
      'Disaster risk reduction for local governments',
      'Reduce disaster risk in cities: risk assessment, early warning and resilient infrastructure.',
      [11, 13],
    ],
    [
      'unhabitat',
      'en',
      'Local government action on disaster risk reduction',
      'How local authorities assess disaster risk, set up early warning and build resilient infrastructure.',
      [11],
    ],
  ],
  budgetAr: [
    [
      'unrwa',
      'ar',
      'مقدمة في إعداد الميزانية',
      'تعرف على مبادئ إعداد الميزانية وإدارة الموارد المالية في المنظمات.',
      [16],
    ],
    ['escwa', 'ar', 'أساسيات إعداد الميزانية', 'المبادئ الأساسية لإعداد الميزانية وإدارة الموارد المالية.', [16]],
  ],
  dataZh: [
    ['unstats', 'zh', '数据分析入门', '学习使用统计方法分析和可视化数据。', [17]],
    ['escap', 'zh', '数据分析基础', '用统计方法分析数据并进行可视化的入门课程。', [17]],
  ],
  sustainableProcurement: [
    [
      'unops',
      'en',
      'Sustainable procurement in the UN',
      'Integrating environmental and social criteria into UN procurement decisions.',
      [12],
    ],
    [
      'unep',
      'en',
      'Green and social procurement for UN buyers',
      'How UN procurement officers apply environmental and social sustainability criteria.',
      [12],
    ],
  ],
  emergencyNutrition: [
    ['wfp', 'ar', 'التغذية في حالات الطوارئ', 'تقييم سوء التغذية والاستجابة الغذائية في حالات الطوارئ الإنسانية.', [2]],
    [
      'unicef',
      'en',
      'Nutrition in emergencies',
      'Assessing malnutrition and delivering the nutrition response in humanitarian emergencies.',
      [2],
    ],
  ],
};

/** Same goals, same themes, different content: none of these duplicates anything. */
const NON_DUPLICATES: readonly Row[] = [
  [
    'unfccc',
    'en',
    'Climate finance for negotiators',
    'How climate finance flows are negotiated under the UNFCCC and accessed by developing countries.',
    [13],
  ],
  [
    'wmo',
    'en',
    'Weather forecasting and early warning systems',
    'Meteorological observations, forecasting models and early warning of extreme weather events.',
    [13],
  ],
  [
    'unhabitat',
    'en',
    'Climate change adaptation in cities',
    'Planning urban adaptation to heat waves, floods and sea-level rise.',
    [11, 13],
  ],
  [
    'ilo',
    'en',
    'Gender pay gap statistics',
    'Measuring and analysing the gender pay gap with labour force survey data.',
    [5, 8],
  ],
  [
    'unesco',
    'fr',
    'L’éducation aux médias et à l’information',
    'Développer l’esprit critique face à l’information en ligne et aux médias.',
    [4],
  ],
  ['who', 'en', 'Malaria case management', 'Diagnosis and treatment of malaria in health facilities.', [3]],
  [
    'fao',
    'es',
    'Pesca sostenible en pequeña escala',
    'Gestión de la pesca artesanal y medios de vida de las comunidades costeras.',
    [14],
  ],
  ['unicef', 'zh', '儿童早期发展', '促进儿童早期的健康、营养和学习。', [4]],
  ['iom', 'en', 'Migration data and statistics', 'Collecting and using data on international migration.', [10]],
  [
    'unitar',
    'en',
    'Negotiation skills for diplomats',
    'Techniques for multilateral negotiation and consensus building.',
    [17],
  ],
  ['ohchr', 'ar', 'حقوق الطفل', 'اتفاقية حقوق الطفل وآليات الرصد.', [16]],
  [
    'unep',
    'en',
    'Sustainable consumption and production',
    'Policies and business practices for sustainable consumption and production patterns.',
    [12],
  ],
  [
    'who',
    'fr',
    'Santé mentale au travail',
    'Prévenir le stress et promouvoir le bien-être mental des employés.',
    [3, 8],
  ],
  [
    'wfp',
    'en',
    'Cash-based transfers in food assistance',
    'Designing and delivering cash transfers to meet food needs.',
    [2],
  ],
  [
    'unido',
    'en',
    'Energy efficiency in industry',
    'Reducing energy use in manufacturing through audits and efficient equipment.',
    [7, 9],
  ],
  [
    'unicef',
    'es',
    'Agua y saneamiento en las escuelas',
    'Diseño y mantenimiento de instalaciones de agua y saneamiento en escuelas primarias.',
    [4, 6],
  ],
  [
    'ohchr',
    'en',
    'Freedom of expression online',
    'International standards on freedom of expression and content moderation on digital platforms.',
    [16],
  ],
];

let counter = 0;
const course = (row: Row, group: string | null, sourceKind: SourceKind = 'LMS'): LabelledCourse => {
  const [agency, language, title, summary, sdgs] = row;
  counter += 1;
  return { id: `${agency}:course:eval-${counter}`, agency, title, summary, language, sdgs, sourceKind, group };
};

export function evaluationCorpus(): LabelledCourse[] {
  counter = 0;
  const translations = OER_TOPICS.flatMap((topic, t) =>
    OER_LANGUAGES.map((language) =>
      course(
        [TRANSLATING_AGENCIES[language], language, topic.title[language], topic.description[language], [topic.sdg]],
        `oer-topic-${t}`,
        'OER',
      ),
    ),
  );
  const near = Object.entries(NEAR_DUPLICATES).flatMap(([group, rows]) => rows.map((row) => course(row, group)));
  return [...translations, ...near, ...NON_DUPLICATES.map((row) => course(row, null))];
}

/** Unordered pair key. */
export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The true cross-agency duplicate pairs of a corpus. */
export function truePairs(corpus: readonly LabelledCourse[]): Set<string> {
  const pairs = new Set<string>();
  for (const a of corpus) {
    for (const b of corpus) {
      if (a.id < b.id && a.group !== null && a.group === b.group && a.agency !== b.agency)
        pairs.add(pairKey(a.id, b.id));
    }
  }
  return pairs;
}
