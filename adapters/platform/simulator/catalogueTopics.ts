/**
 * Invented SDG-themed courses for the simulated platform catalogues, in the languages each platform
 * offers. The goal appears in the description the way partner institutions write it ("SDG 13"), which is
 * what the adapter reads goals from (platform catalogues have no SDG field).
 */
export interface CatalogueTopic {
  readonly sdg: number;
  readonly slug: string;
  /** Title and description per language (BCP 47). */
  readonly text: Readonly<Record<string, readonly [string, string]>>;
  readonly domain: string;
}

export const CATALOGUE_TOPICS: readonly CatalogueTopic[] = [
  {
    sdg: 13,
    slug: 'climate-action',
    domain: 'physical-science-and-engineering',
    text: {
      en: ['Climate Action in Practice', 'Mitigation and adaptation for public institutions (SDG 13).'],
      fr: ["L'action climatique en pratique", 'Atténuation et adaptation pour les institutions publiques (ODD 13).'],
      es: ['Acción climática en la práctica', 'Mitigación y adaptación para instituciones públicas (ODS 13).'],
      'zh-CN': ['气候行动实践', '公共机构的减缓与适应（SDG 13）。'],
    },
  },
  {
    sdg: 5,
    slug: 'gender-equality',
    domain: 'social-sciences',
    text: {
      en: ['Gender Equality at Work', 'Policies and practices that advance gender equality (SDG 5).'],
      fr: ["L'égalité des genres au travail", "Politiques et pratiques en faveur de l'égalité des genres (ODD 5)."],
      es: ['Igualdad de género en el trabajo', 'Políticas y prácticas que promueven la igualdad de género (ODS 5).'],
      ar: ['المساواة بين الجنسين في العمل', 'سياسات وممارسات تعزز المساواة بين الجنسين (SDG 5).'],
    },
  },
  {
    sdg: 6,
    slug: 'water-and-sanitation',
    domain: 'life-sciences',
    text: {
      en: ['Water and Sanitation Services', 'Planning safe water and sanitation for all (SDG 6).'],
      fr: ["Services d'eau et d'assainissement", "Planifier l'eau potable et l'assainissement pour tous (ODD 6)."],
      es: ['Servicios de agua y saneamiento', 'Planificar agua potable y saneamiento para todos (ODS 6).'],
    },
  },
  {
    sdg: 4,
    slug: 'inclusive-education',
    domain: 'social-sciences',
    text: {
      en: ['Inclusive Education Design', 'Designing learning that reaches every learner (SDG 4).'],
      fr: ['Concevoir une éducation inclusive', 'Concevoir un apprentissage qui atteint chaque apprenant (ODD 4).'],
      es: ['Diseño de educación inclusiva', 'Diseñar aprendizaje que llegue a cada persona (ODS 4).'],
      ru: ['Инклюзивное образование', 'Обучение, доступное каждому (SDG 4).'],
    },
  },
  {
    sdg: 16,
    slug: 'data-protection',
    domain: 'computer-science',
    text: {
      en: ['Data Protection and Privacy', 'Protecting personal data in public service (SDG 16).'],
      fr: ['Protection des données', 'Protéger les données personnelles dans le service public (ODD 16).'],
      es: ['Protección de datos', 'Proteger los datos personales en el servicio público (ODS 16).'],
    },
  },
  {
    sdg: 3,
    slug: 'global-health',
    domain: 'life-sciences',
    text: {
      en: ['Global Health Essentials', 'Health systems, epidemics and universal health coverage (SDG 3).'],
      fr: ['Fondamentaux de la santé mondiale', 'Systèmes de santé et couverture sanitaire universelle (ODD 3).'],
      es: ['Fundamentos de salud global', 'Sistemas de salud y cobertura sanitaria universal (ODS 3).'],
      ar: ['أساسيات الصحة العالمية', 'النظم الصحية والتغطية الصحية الشاملة (SDG 3).'],
    },
  },
  {
    sdg: 8,
    slug: 'project-management',
    domain: 'business',
    text: {
      en: ['Project Management for Development', 'Planning and delivering development projects (SDG 8, SDG 17).'],
      fr: ['Gestion de projet pour le développement', 'Planifier et conduire des projets de développement (ODD 8).'],
      es: ['Gestión de proyectos para el desarrollo', 'Planificar y ejecutar proyectos de desarrollo (ODS 8).'],
    },
  },
  {
    sdg: 11,
    slug: 'sustainable-cities',
    domain: 'social-sciences',
    text: {
      en: ['Sustainable Cities', 'Urban planning for resilient, inclusive cities (SDG 11).'],
      fr: ['Villes durables', 'Urbanisme pour des villes résilientes et inclusives (ODD 11).'],
      'zh-CN': ['可持续城市', '韧性与包容性城市的规划（SDG 11）。'],
    },
  },
];

/** Workloads as platforms write them (free text), read by adapters/platform/workload.ts. */
export const WORKLOADS = [
  '4 weeks of study, 2-3 hours/week',
  'Approx. 12 hours to complete',
  '6 weeks, 2 hours per week',
  '3–5 hours per week',
  '10 hours',
] as const;
