/**
 * The simulated OER repository's content: eight SDG topics, each written in the six UN languages, so
 * that the seeded records hold real translations (useful to the near-duplicate detection as well).
 */
export const OER_LANGUAGES = ['en', 'fr', 'es', 'ar', 'zh', 'ru'] as const;
export type OerLanguage = (typeof OER_LANGUAGES)[number];

export interface OerTopic {
  readonly sdg: number;
  readonly keyword: Readonly<Record<OerLanguage, string>>;
  readonly title: Readonly<Record<OerLanguage, string>>;
  readonly description: Readonly<Record<OerLanguage, string>>;
}

export const OER_TOPICS: readonly OerTopic[] = [
  {
    sdg: 13,
    keyword: {
      en: 'climate change',
      fr: 'changement climatique',
      es: 'cambio climático',
      ar: 'تغير المناخ',
      zh: '气候变化',
      ru: 'изменение климата',
    },
    title: {
      en: 'Introduction to climate change',
      fr: 'Introduction au changement climatique',
      es: 'Introducción al cambio climático',
      ar: 'مقدمة في تغير المناخ',
      zh: '气候变化导论',
      ru: 'Введение в изменение климата',
    },
    description: {
      en: 'Learn the science of climate change and how countries act on it.',
      fr: 'Découvrez la science du changement climatique et l’action des pays.',
      es: 'Aprenda la ciencia del cambio climático y cómo actúan los países.',
      ar: 'تعرّف على علم تغير المناخ وكيف تتصدى له البلدان.',
      zh: '了解气候变化的科学以及各国如何采取行动。',
      ru: 'Изучите науку об изменении климата и меры, принимаемые странами.',
    },
  },
  {
    sdg: 5,
    keyword: {
      en: 'gender equality',
      fr: 'égalité des genres',
      es: 'igualdad de género',
      ar: 'المساواة بين الجنسين',
      zh: '性别平等',
      ru: 'гендерное равенство',
    },
    title: {
      en: 'Gender equality in the workplace',
      fr: 'L’égalité des genres au travail',
      es: 'La igualdad de género en el trabajo',
      ar: 'المساواة بين الجنسين في مكان العمل',
      zh: '工作场所的性别平等',
      ru: 'Гендерное равенство на рабочем месте',
    },
    description: {
      en: 'Practical steps to promote gender equality and prevent discrimination at work.',
      fr: 'Des mesures concrètes pour promouvoir l’égalité des genres et prévenir la discrimination au travail.',
      es: 'Medidas prácticas para promover la igualdad de género y prevenir la discriminación en el trabajo.',
      ar: 'خطوات عملية لتعزيز المساواة بين الجنسين ومنع التمييز في العمل.',
      zh: '促进性别平等、防止工作中歧视的实用步骤。',
      ru: 'Практические шаги по поощрению гендерного равенства и предотвращению дискриминации на работе.',
    },
  },
  {
    sdg: 4,
    keyword: { en: 'education', fr: 'éducation', es: 'educación', ar: 'التعليم', zh: '教育', ru: 'образование' },
    title: {
      en: 'Inclusive quality education',
      fr: 'Une éducation inclusive et de qualité',
      es: 'Educación inclusiva y de calidad',
      ar: 'التعليم الجيد والشامل',
      zh: '包容和优质的教育',
      ru: 'Инклюзивное и качественное образование',
    },
    description: {
      en: 'How teachers and schools can ensure inclusive and equitable quality education.',
      fr: 'Comment les enseignants et les écoles peuvent assurer une éducation inclusive, équitable et de qualité.',
      es: 'Cómo los docentes y las escuelas pueden garantizar una educación inclusiva, equitativa y de calidad.',
      ar: 'كيف يمكن للمعلمين والمدارس ضمان تعليم جيد ومنصف وشامل للجميع.',
      zh: '教师和学校如何确保包容、公平的优质教育。',
      ru: 'Как учителя и школы могут обеспечить инклюзивное, справедливое и качественное образование.',
    },
  },
  {
    sdg: 6,
    keyword: {
      en: 'sanitation',
      fr: 'assainissement',
      es: 'saneamiento',
      ar: 'الصرف الصحي',
      zh: '环境卫生',
      ru: 'санитария',
    },
    title: {
      en: 'Safe water and sanitation',
      fr: 'Eau potable et assainissement',
      es: 'Agua potable y saneamiento',
      ar: 'المياه النظيفة والصرف الصحي',
      zh: '安全饮用水和环境卫生',
      ru: 'Чистая вода и санитария',
    },
    description: {
      en: 'Managing drinking water, sanitation and hygiene in communities.',
      fr: 'Gérer l’eau potable, l’assainissement et l’hygiène dans les communautés.',
      es: 'Gestión del agua potable, el saneamiento y la higiene en las comunidades.',
      ar: 'إدارة مياه الشرب والصرف الصحي والنظافة الصحية في المجتمعات المحلية.',
      zh: '管理社区的饮用水、环境卫生和个人卫生。',
      ru: 'Управление питьевой водой, санитарией и гигиеной в общинах.',
    },
  },
  {
    sdg: 2,
    keyword: { en: 'nutrition', fr: 'nutrition', es: 'nutrición', ar: 'التغذية', zh: '营养', ru: 'питание' },
    title: {
      en: 'Food security and nutrition',
      fr: 'Sécurité alimentaire et nutrition',
      es: 'Seguridad alimentaria y nutrición',
      ar: 'الأمن الغذائي والتغذية',
      zh: '粮食安全与营养',
      ru: 'Продовольственная безопасность и питание',
    },
    description: {
      en: 'Understand the causes of hunger and ways to improve nutrition.',
      fr: 'Comprendre les causes de la faim et les moyens d’améliorer la nutrition.',
      es: 'Comprender las causas del hambre y las formas de mejorar la nutrición.',
      ar: 'فهم أسباب الجوع وسبل تحسين التغذية.',
      zh: '了解饥饿的原因以及改善营养的方法。',
      ru: 'Причины голода и способы улучшения питания.',
    },
  },
  {
    sdg: 3,
    keyword: {
      en: 'public health',
      fr: 'santé publique',
      es: 'salud pública',
      ar: 'الصحة العامة',
      zh: '公共卫生',
      ru: 'общественное здравоохранение',
    },
    title: {
      en: 'Essentials of public health',
      fr: 'Les bases de la santé publique',
      es: 'Fundamentos de salud pública',
      ar: 'أساسيات الصحة العامة',
      zh: '公共卫生基础',
      ru: 'Основы общественного здравоохранения',
    },
    description: {
      en: 'Core concepts of public health, disease prevention and health systems.',
      fr: 'Notions clés de santé publique, de prévention des maladies et de systèmes de santé.',
      es: 'Conceptos básicos de salud pública, prevención de enfermedades y sistemas de salud.',
      ar: 'المفاهيم الأساسية للصحة العامة والوقاية من الأمراض والنظم الصحية.',
      zh: '公共卫生、疾病预防和卫生系统的核心概念。',
      ru: 'Ключевые понятия общественного здравоохранения, профилактики заболеваний и систем здравоохранения.',
    },
  },
  {
    sdg: 16,
    keyword: {
      en: 'human rights',
      fr: 'droits de l’homme',
      es: 'derechos humanos',
      ar: 'حقوق الإنسان',
      zh: '人权',
      ru: 'права человека',
    },
    title: {
      en: 'Human rights and the rule of law',
      fr: 'Droits de l’homme et état de droit',
      es: 'Derechos humanos y Estado de derecho',
      ar: 'حقوق الإنسان وسيادة القانون',
      zh: '人权与法治',
      ru: 'Права человека и верховенство права',
    },
    description: {
      en: 'An overview of international human rights law and access to justice.',
      fr: 'Un aperçu du droit international des droits de l’homme et de l’accès à la justice.',
      es: 'Panorama del derecho internacional de los derechos humanos y del acceso a la justicia.',
      ar: 'لمحة عامة عن القانون الدولي لحقوق الإنسان والوصول إلى العدالة.',
      zh: '国际人权法和诉诸司法的概述。',
      ru: 'Обзор международного права в области прав человека и доступа к правосудию.',
    },
  },
  {
    sdg: 7,
    keyword: {
      en: 'renewable energy',
      fr: 'énergies renouvelables',
      es: 'energías renovables',
      ar: 'الطاقة المتجددة',
      zh: '可再生能源',
      ru: 'возобновляемая энергия',
    },
    title: {
      en: 'Renewable energy for development',
      fr: 'Énergies renouvelables pour le développement',
      es: 'Energías renovables para el desarrollo',
      ar: 'الطاقة المتجددة من أجل التنمية',
      zh: '可再生能源促进发展',
      ru: 'Возобновляемая энергетика для развития',
    },
    description: {
      en: 'Solar, wind and other renewable energy solutions for sustainable development.',
      fr: 'Solutions solaires, éoliennes et autres énergies renouvelables pour le développement durable.',
      es: 'Soluciones solares, eólicas y otras energías renovables para el desarrollo sostenible.',
      ar: 'حلول الطاقة الشمسية وطاقة الرياح وغيرها من الطاقات المتجددة من أجل التنمية المستدامة.',
      zh: '促进可持续发展的太阳能、风能和其他可再生能源解决方案。',
      ru: 'Солнечные, ветровые и другие решения в области возобновляемой энергии для устойчивого развития.',
    },
  },
];

/** How an SDG subject is written in each language (the UN's own abbreviations). */
export const SDG_SUBJECT: Readonly<Record<OerLanguage, (goal: number) => string>> = {
  en: (goal) => `SDG ${goal}`,
  fr: (goal) => `ODD ${goal}`,
  es: (goal) => `ODS ${goal}`,
  ar: (goal) => `هدف التنمية المستدامة ${goal}`,
  zh: (goal) => `可持续发展目标${goal}`,
  ru: (goal) => `ЦУР ${goal}`,
};
