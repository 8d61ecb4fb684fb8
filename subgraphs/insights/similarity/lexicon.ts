/**
 * A small multilingual concept lexicon for the UN learning domain (SDG themes, learning vocabulary,
 * common course-title words): each concept lists words that express it in the six UN languages. Words
 * are analysed by the same pipeline as course text (text.ts), so inflected forms meet at their stem.
 * Translations of a course then share concept features although no word is shared.
 *
 * Limits (documented in the README): 120 concepts; words outside it match only within a language
 * (or as cognates between English, French and Spanish). Extending it is adding a line.
 *
 * Format: concept | en | fr | es | ar | zh | ru — words separated by spaces. Chinese words are matched
 * as substrings of segmented words, longest first, so compounds need no segmentation agreement.
 */
const TABLE = `
introduction | introduction introductory intro overview primer | introduction initiation aperçu découverte | introducción iniciación panorama | مقدمة مدخل لمحة | 导论 简介 入门 介绍 概述 | введение обзор
basic | basic basics essential essentials fundamental fundamentals core key | bases base essentiel essentiels fondamental fondamentaux clé clés | básico básicos fundamentos fundamental esencial clave | أساسيات الأساسية أساسي | 基础 核心 基本 关键 | основы основной ключевые базовый
concept | concept concepts notion notions | notion notions concept concepts | concepto conceptos noción nociones | المفاهيم مفهوم | 概念 | понятия понятие концепция
climate | climate climatic | climat climatique | clima climático climática | المناخ مناخ مناخي | 气候 | климат климата климатический
change | change changes changing | changement changements | cambio cambios | تغير تغيير | 变化 变迁 | изменение изменения изменении
science | science sciences scientific | science sciences scientifique | ciencia ciencias científico | علم علوم العلمية | 科学 | наука науку научный
country | country countries nation nations national | pays nation nations national nationaux | país países nación naciones nacional | بلد البلدان دول الدول وطني | 国家 各国 | страна страны государства национальный
action | action actions acting respond response | action actions agir réponse | acción acciones actuar respuesta | إجراءات إجراء تصدى الاستجابة استجابة | 行动 应对 采取 | действие действия реагирование
situation | situation situations setting settings context contexts | situation situations contexte contextes | situación situaciones contexto contextos entorno | حالات حالة الأوضاع | 情况 情境 局势 | ситуация ситуациях ситуации условиях
pollution | pollution polluted contamination | pollution contamination | contaminación polución | التلوث | 污染 | загрязнение загрязнения
plastic | plastic plastics | plastique plastiques | plástico plásticos | البلاستيك البلاستيكية | 塑料 | пластик пластиковых пластиком
gender | gender | genre genres | género | الجنسين جنساني | 性别 | гендер гендерный гендерного
women | women woman girls | femmes femme filles | mujeres mujer niñas | المرأة النساء الفتيات | 妇女 女性 女童 | женщины женщин девочки
equality | equality equal equity equitable | égalité égal équité équitable | igualdad igual equidad equitativa equitativo | المساواة مساواة منصف الإنصاف | 平等 公平 | равенство равноправие справедливое справедливый
inequality | inequality inequalities | inégalité inégalités | desigualdad desigualdades | اللامساواة | 不平等 | неравенство неравенства
work | work workplace job jobs employment | travail emploi emplois | trabajo empleo empleos | العمل عمل وظيفة التوظيف | 工作 工作场所 就业 | работа работе рабочем занятость
discrimination | discrimination | discrimination | discriminación | التمييز | 歧视 | дискриминация дискриминации
prevent | prevent prevention preventing | prévenir prévention | prevenir prevención | منع الوقاية | 防止 预防 | предотвращение предотвращению профилактика профилактики
promote | promote promoting promotion | promouvoir promotion | promover promoción | تعزيز | 促进 推动 | поощрение поощрению содействие продвижение
practical | practical practice hands-on | pratique pratiques concret concrètes | práctico prácticas práctica | عملية عملي | 实用 实践 | практический практические практика
step | step steps measure measures | étape étapes mesure mesures | paso pasos medida medidas | خطوات خطوة | 步骤 措施 | шаги шаг меры
education | education educational | éducation éducatif | educación educativo | التعليم تعليم | 教育 | образование образования
quality | quality | qualité | calidad | الجودة جيد | 优质 质量 | качество качественное
inclusive | inclusive inclusion | inclusif inclusive inclusion | inclusivo inclusiva inclusión | شامل الشامل الإدماج | 包容 全纳 | инклюзивное инклюзивный инклюзия
teacher | teacher teachers educator educators | enseignant enseignants professeur professeurs | docente docentes maestro maestros profesor | المعلمين معلم المعلم | 教师 老师 | учителя учитель педагоги
school | school schools | école écoles scolaire | escuela escuelas escolar | المدارس مدرسة | 学校 | школа школы
learning | learning learn learners learner | apprentissage apprendre apprenants apprenant | aprendizaje aprender aprenda estudiantes | التعلم تعلم المتعلمين تعرف | 学习 学员 | обучение учиться учащиеся изучите
understand | understand understanding | comprendre compréhension | comprender comprensión | فهم | 了解 理解 | понимание понимать
water | water | eau eaux | agua aguas | المياه مياه ماء | 饮用水 水 | вода водой воды
clean | clean drinking potable safe | potable propre | potable limpia limpio | النظيفة الشرب | 饮用 清洁 | чистая чистой питьевой питьевая
sanitation | sanitation | assainissement | saneamiento | الصرف | 环境卫生 卫生设施 | санитария санитарией
hygiene | hygiene | hygiène | higiene | النظافة | 个人卫生 | гигиена гигиеной
community | community communities local | communauté communautés local locales | comunidad comunidades local locales | المجتمعات المجتمع المحلية | 社区 | общины общинах община сообщество местный
manage | manage managing management | gérer gestion | gestión gestionar | إدارة | 管理 | управление управлять
food | food | alimentaire alimentation aliments nourriture | alimentaria alimentos alimentación | الغذائي الغذاء غذاء | 粮食 食物 食品 | продовольственная продовольствие пища
security | security secure | sécurité | seguridad | الأمن أمن | 安全 | безопасность
nutrition | nutrition nutritional diet | nutrition nutritionnel | nutrición nutricional | التغذية تغذية | 营养 | питание питания
hunger | hunger hungry famine | faim | hambre | الجوع جوع | 饥饿 | голод голода
cause | cause causes | cause causes | causa causas | أسباب سبب | 原因 | причина
improve | improve improving improvement | améliorer amélioration | mejorar mejora | تحسين | 改善 提高 | улучшение улучшения улучшать
way | way ways means method methods | moyens moyen façon méthode | formas forma manera método | سبل طرق | 方法 途径 | способы способ метод
health | health healthy | santé sanitaire | salud sanitario | الصحة صحة الصحية الصحي | 公共卫生 卫生系统 卫生 健康 | здоровье здравоохранение здравоохранения
public | public | public publique | público pública | العامة عام | 公共 | общественное общественного публичный
disease | disease diseases illness | maladie maladies | enfermedad enfermedades | الأمراض مرض | 疾病 | заболевание заболеваний болезни
system | system systems | système systèmes | sistema sistemas | النظم نظام الأنظمة | 卫生系统 系统 体系 | система системы систем
human | human | homme humain humains | humanos humano | الإنسان إنسان | 人权 | человека человек
right | right rights | droit droits | derecho derechos | حقوق حق | 权利 人权 | права право
law | law laws legal | loi lois juridique | ley leyes jurídico | القانون قانون | 法治 法律 | закон законов верховенство
justice | justice | justice | justicia | العدالة | 司法 正义 | правосудие правосудию
international | international global worldwide | international internationale mondial | internacional mundial | الدولي دولي العالمي | 国际 全球 | международного международный глобальный
access | access | accès | acceso | الوصول | 诉诸 获得 | доступ доступа
energy | energy | énergie énergies | energía energías | الطاقة طاقة الطاقات | 能源 | энергия энергетика энергии
renewable | renewable renewables | renouvelable renouvelables | renovable renovables | المتجددة متجددة | 可再生 | возобновляемая возобновляемой возобновляемые
development | development develop | développement | desarrollo | التنمية تنمية | 发展 | развитие развития
sustainable | sustainable sustainability | durable durabilité | sostenible sostenibilidad | المستدامة مستدامة الاستدامة | 可持续 | устойчивое устойчивого устойчивость
solar | solar | solaire solaires | solar solares | الشمسية شمسية | 太阳能 | солнечная солнечные
wind | wind | éolien éolienne éoliennes vent | eólica eólicas eólico viento | الرياح رياح | 风能 | ветровая ветровые ветер
solution | solution solutions | solution solutions | solución soluciones | حلول حل | 解决方案 | решения решение
finance | finance financing funding financial | financement finance financier financière financières | financiación financiamiento finanzas financiero financiera | التمويل تمويل المالية مالي | 融资 资金 金融 财务 | финансирование финансы финансовый финансовых
budget | budget budgets budgeting | budget budgets budgétaire | presupuesto presupuestos presupuestario | الميزانية ميزانية | 预算 | бюджет бюджета бюджетный
resource | resource resources | ressource ressources | recurso recursos | الموارد موارد | 资源 | ресурсы ресурсов
organization | organization organizations organisation organisations | organisation organisations | organización organizaciones | المنظمات منظمة | 组织 | организация организации
principle | principle principles standard standards | principe principes norme normes | principio principios norma normas | المبادئ مبدأ المعايير | 原则 标准 | принцип принципы нормы стандарты
negotiation | negotiation negotiations negotiator negotiators | négociation négociations négociateurs | negociación negociaciones negociadores | المفاوضات المفاوضين | 谈判 | переговоры переговоров переговорщиков
adaptation | adaptation adapt | adaptation | adaptación | التكيف | 适应 | адаптация адаптации
mitigation | mitigation mitigate | atténuation | mitigación | التخفيف | 减缓 | смягчение
emission | emission emissions carbon greenhouse | émissions carbone | emisiones carbono | الانبعاثات الكربون | 排放 碳 | выбросы углерод
city | city cities urban | ville villes urbain urbaine | ciudad ciudades urbano | المدن مدينة الحضرية | 城市 | города город городской
disaster | disaster disasters | catastrophe catastrophes | desastre desastres | الكوارث كارثة | 灾害 | бедствия бедствий
risk | risk risks | risque risques | riesgo riesgos | المخاطر مخاطر | 风险 | риск рисков
reduction | reduction reduce reducing | réduction réduire | reducción reducir | الحد | 减少 降低 减轻 | снижение сокращение уменьшение
humanitarian | humanitarian | humanitaire | humanitario humanitaria | الإنسانية الإنساني | 人道主义 | гуманитарная гуманитарный
emergency | emergency emergencies crisis crises | urgence urgences crise crises | emergencia emergencias crisis | الطوارئ الأزمات أزمة | 紧急 危机 | чрезвычайных кризис
coordination | coordination coordinate | coordination | coordinación | التنسيق | 协调 | координация
child | child children childhood | enfant enfants enfance | niño niños infancia | الأطفال طفل | 儿童 | дети детей ребенок
protection | protection protect protecting safeguarding | protection protéger | protección proteger | حماية الحماية | 保护 | защита защиты
violence | violence abuse | violence violences abus | violencia abuso | العنف | 暴力 | насилие насилия
sexual | sexual | sexuel sexuels sexuelle sexuelles | sexual sexuales | الجنسي الجنسية | 性剥削 | сексуальной сексуальные
exploitation | exploitation | exploitation | explotación | الاستغلال | 剥削 | эксплуатации эксплуатация
ethics | ethics ethical integrity | éthique intégrité | ética integridad | الأخلاقيات النزاهة | 道德 伦理 诚信 | этика этики честность
data | data statistics | données statistiques | datos estadísticas | البيانات الإحصاءات | 数据 统计 | данные данных статистика
digital | digital online | numérique numériques ligne | digital digitales línea | الرقمية رقمي | 数字 | цифровой цифровые
cybersecurity | cybersecurity | cybersécurité | ciberseguridad | السيبراني | 网络安全 | кибербезопасность
project | project projects | projet projets | proyecto proyectos | المشاريع مشروع | 项目 | проект проектов
result | result results outcome outcomes | résultats résultat | resultados resultado | النتائج | 成果 结果 | результаты результат
leadership | leadership leader leaders | leadership dirigeants | liderazgo líderes | القيادة | 领导 领导力 | лидерство
procurement | procurement purchasing | achats passation | adquisiciones compras | المشتريات | 采购 | закупки закупок
migration | migration migrants refugees | migration migrants réfugiés | migración migrantes refugiados | الهجرة المهاجرين اللاجئين | 移民 难民 | миграция мигрантов беженцев
poverty | poverty poor | pauvreté pauvres | pobreza pobres | الفقر | 贫困 | бедность бедности
biodiversity | biodiversity ecosystem ecosystems nature | biodiversité écosystèmes nature | biodiversidad ecosistemas naturaleza | البيولوجي الإيكولوجية | 生物多样性 生态系统 | биоразнообразие экосистемы
ocean | ocean oceans marine sea | océan océans marin mer | océano océanos marino mar | المحيطات البحرية | 海洋 | океан океаны морской
forest | forest forests | forêt forêts | bosque bosques | الغابات | 森林 | лес леса лесов
agriculture | agriculture agricultural farming farmers | agriculture agricole agriculteurs | agricultura agrícola agricultores | الزراعة | 农业 | сельское сельского
peace | peace peacebuilding peacekeeping | paix | paz | السلام | 和平 | мир мира
conflict | conflict conflicts | conflit conflits | conflicto conflictos | النزاعات النزاع | 冲突 | конфликт конфликтов
governance | governance institutions institutional | gouvernance institutions | gobernanza instituciones | الحوكمة المؤسسات | 治理 | институты
economy | economy economic growth | économie économique croissance | economía económico crecimiento | الاقتصاد الاقتصادي النمو | 经济 增长 | экономика экономический рост
decent | decent | décent décente | decente | اللائق | 体面 | достойная достойный
consumption | consumption production | consommation production | consumo producción | الاستهلاك الإنتاج | 消费 生产 | потребление производство
partnership | partnership partnerships cooperation | partenariat partenariats coopération | alianza alianzas cooperación | الشراكات الشراكة التعاون | 伙伴关系 合作 | партнерство сотрудничество
agenda | agenda | programme | agenda | خطة | 议程 | повестка повестки
goal | goal goals target targets objective | objectif objectifs cible | objetivo objetivos meta metas | أهداف هدف الغايات | 目标 | цели цель
course | course training module workshop | cours formation module atelier | curso formación capacitación módulo taller | دورة تدريب التدريبية | 课程 培训 讲习班 | курс тренинг семинар модуль
staff | staff personnel employees | personnel | personal | الموظفين | 工作人员 | персонал сотрудники
wellbeing | wellbeing well-being mental stress | bien-être mentale stress | bienestar mental estrés | الرفاه النفسية | 心理 福祉 | благополучие психическое
pandemic | pandemic epidemic | pandémie épidémie | pandemia epidemia | الجائحة الوباء | 大流行 疫情 | пандемия эпидемия
vaccine | vaccine vaccines vaccination immunization | vaccin vaccins vaccination | vacuna vacunas vacunación | اللقاحات لقاح التطعيم | 疫苗 接种 | вакцина вакцинация
communication | communication communicate | communication | comunicación | الاتصال التواصل | 沟通 传播 | коммуникация общение
evaluation | monitoring evaluation assessment | suivi évaluation | seguimiento evaluación | الرصد التقييم | 监测 评估 | мониторинг оценка
planning | planning plan | planification plan | planificación plan | التخطيط | 规划 计划 | планирование план
policy | policy policies | politique politiques | política políticas | السياسات سياسة | 政策 | политика политики
youth | youth young | jeunes jeunesse | jóvenes juventud | الشباب | 青年 | молодежь молодежи
disability | disability disabilities | handicap | discapacidad | الإعاقة | 残疾 | инвалидностью инвалидность
indigenous | indigenous | autochtones autochtone | indígenas indígena | الأصلية | 土著 | коренные коренных
infrastructure | infrastructure | infrastructure infrastructures | infraestructura | التحتية | 基础设施 | инфраструктура
technology | innovation technology technologies | innovation technologie technologies | innovación tecnología tecnologías | الابتكار التكنولوجيا | 创新 技术 科技 | инновации технологии
waste | waste recycling | déchets recyclage | residuos reciclaje | النفايات | 废物 回收 | отходы переработка
hiv | hiv aids | vih sida | vih sida | الإيدز | 艾滋病 | вич спид
malaria | malaria | paludisme | malaria paludismo | الملاريا | 疟疾 | малярия
maternal | maternal mother mothers | maternelle mères mère | materna madres madre | الأمهات الأم | 孕产妇 母亲 | материнская матерей
`;

export const LEXICON_LANGUAGES = ['en', 'fr', 'es', 'ar', 'zh', 'ru'] as const;
export type LexiconLanguage = (typeof LEXICON_LANGUAGES)[number];

export interface LexiconEntry {
  readonly concept: string;
  readonly words: Readonly<Record<LexiconLanguage, readonly string[]>>;
}

/** The table as entries. */
export function lexiconEntries(): LexiconEntry[] {
  return TABLE.trim()
    .split('\n')
    .map((line) => {
      const [concept = '', ...columns] = line.split('|').map((cell) => cell.trim());
      const words = Object.fromEntries(
        LEXICON_LANGUAGES.map((language, i) => [language, (columns[i] ?? '').split(/\s+/).filter(Boolean)]),
      ) as Record<LexiconLanguage, string[]>;
      return { concept, words };
    });
}
