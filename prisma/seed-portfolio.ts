/**
 * The demo portfolio: about ninety digital-government initiatives of many bureaux and departments, in
 * every state and substate of the lifecycle, spread over the financial years 2024-25 to 2026-27.
 *
 * Every initiative is created and moved only through the lifecycle service (createDraft, updateDraft,
 * sendEvent, addComment), each call with a `now` in the past, so that every row, sign-off, funding
 * decision and audit entry is what the real application would have written. Nothing here writes a state
 * or a row directly, except the demo officers of the B/Ds that have no demo officer yet.
 *
 * Deterministic: a seeded pseudo-random generator plans every journey (gaps between events, decisions,
 * reason codes, conditions, milestones), against a fixed "today", so every run builds the same portfolio.
 * The plan is made first for all initiatives, then the events of all of them are replayed in time order,
 * so that audit sequence numbers follow time and reference numbers follow creation dates.
 */
import { hashPassword } from "../app/auth/password.server.ts";
import { isWorkingDay } from "../app/calendar/working-days.ts";
import type { Caller } from "../app/initiatives/access.server.ts";
import { ensureBusinessCase } from "../app/attachments/business-case.server.ts";
import { addComment, createDraft, sendEvent, updateDraft } from "../app/initiatives/initiatives.server.ts";
import {
  defaultLeadDivision,
  requiredDivisions,
  type Category,
  type Division,
  type ReasonCode,
  type Role,
} from "../app/lifecycle/divisions.ts";
import { DEFAULT_BLOCK_ALLOCATION_LIMIT } from "../app/lifecycle/initiative.machine.ts";
import { db } from "../app/utils/db.server.ts";
import { financialYearOf } from "../app/utils/financial-year.ts";
import { DEMO_PASSWORD } from "./seed.ts";

// ---------------------------------------------------------------------------------------------------
// Calendar: Hong Kong time (UTC+8); working days are Monday to Friday except general holidays.
// ---------------------------------------------------------------------------------------------------

/** The portfolio's "today": the demo data describes the position on this date. */
export const PORTFOLIO_TODAY = "2026-11-27";
/** The first day of financial year 2024-25: nothing happens before it. */
export const PORTFOLIO_START = "2024-04-01";
const HK = 8 * 3600_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
/** No event after the end of the previous working day (26 Nov 2026, 18:30 HKT): nothing is in the future. */
const LIMIT = Date.parse("2026-11-26T18:30:00+08:00");
const START = Date.parse(`${PORTFOLIO_START}T09:00:00+08:00`);
const BLOCK_LIMIT = DEFAULT_BLOCK_ALLOCATION_LIMIT;

const isoOf = (ms: number) => new Date(ms + HK).toISOString().slice(0, 10);
const msOfDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) - HK;
const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

/** The working day `n` working days after (n > 0) or before (n < 0) `iso`; n = 0 rolls forward to one. */
function addWorkingDays(iso: string, n: number): string {
  let d = iso;
  if (n === 0) {
    while (!isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  while (left > 0) {
    d = addDays(d, step);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

function previousWorkingDay(iso: string): string {
  let d = iso;
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

function workingDaysBetween(a: string, b: string): number {
  let n = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

const firstOfNextMonth = (iso: string) => {
  const [y, m] = iso.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
};
const addMonths = (iso: string, n: number) => {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
};
/** The last day of the month before `firstOfMonth`. */
const dayBefore = (iso: string) => addDays(iso, -1);
/** The Friday on or before a date that is not a holiday (the Finance Committee meets on Fridays). */
function fridayOnOrBefore(iso: string): string {
  let d = iso;
  while (weekday(d) !== 5 || !isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

// ---------------------------------------------------------------------------------------------------
// Deterministic randomness (mulberry32).
// ---------------------------------------------------------------------------------------------------

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let random = mulberry32(20240401);
const chance = (p: number) => random() < p;
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
function shuffle<T>(list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
/** A time of day in office hours on a given date. */
const officeTime = (iso: string) => msOfDay(iso) + int(9 * 60 + 5, 18 * 60 - 5) * MINUTE;

// ---------------------------------------------------------------------------------------------------
// The catalogue.
// ---------------------------------------------------------------------------------------------------

const DG: Division = "DIGITAL_GOVERNMENT";
const DGOV: Division = "DATA_GOVERNANCE";
const DI: Division = "DIGITAL_INFRASTRUCTURE";

type Target =
  | "draft"
  | "draftComplete"
  | "review"
  | "returned"
  | "fundingReview"
  | "deferred"
  | "awaitingFC"
  | "inProgress"
  | "onHold"
  | "benefitsReview"
  | "benefitsReported"
  | "closed"
  | "rejectedReview"
  | "rejectedFunding"
  | "rejectedFC"
  | "withdrawnDraft"
  | "withdrawnReview"
  | "withdrawnReturned"
  | "withdrawnFunding"
  | "withdrawnDeferred";

type Options = {
  /** Creation date, for journeys planned forward. */
  start?: string;
  /** Calendar days before today of the event the initiative has been waiting since. */
  age?: number;
  /** Submission rounds (each but the last ends in a return for changes). */
  rounds?: number;
  /** Divisions that have already signed off the current round (efficiency review). */
  approved?: Division[];
  /** Delivery health to aim for (delivery.inProgress). */
  health?: "green" | "amber" | "red";
  /** The division that returns or rejects. */
  by?: Division;
  /** The reason code of the return, rejection, deferral or pause. */
  code?: ReasonCode;
  /** A lead division other than the category's default. */
  lead?: Division;
  /** Approvals carry conditions. */
  conds?: boolean;
  /** Deferred once and reopened before the funding decision. */
  deferReopen?: boolean;
  /** Paused and resumed during delivery. */
  pauseResume?: boolean;
  /** On hold: paused by the lead reviewer rather than the officer. */
  pausedByLead?: boolean;
  /** On hold: paused, resumed, and paused again. */
  resumed?: boolean;
  /** Project length in months. */
  months?: number;
};

type Entry = [
  bureau: string,
  category: Category,
  /** P personal data, S shares data across B/Ds, I new infrastructure, C citizen-facing. */
  flags: string,
  costMillions: number,
  target: Target,
  titleEn: string,
  titleZh: string,
  summaryEn: string,
  summaryZh: string,
  options?: Options,
];

const CATALOGUE: Entry[] = [
  // Innovation, Technology and Industry Bureau
  [
    "ITIB",
    "INFRASTRUCTURE",
    "I",
    180,
    "inProgress",
    "Next-generation Government Cloud Infrastructure Services",
    "新一代政府雲端基礎設施服務",
    "Build the next generation of the Government's shared cloud platform, a hybrid of private and public cloud, so that bureaux and departments can host systems within weeks instead of months.",
    "建設新一代政府共用雲端平台，結合私有雲及公共雲，讓各政策局及部門在數星期內（而非數月）完成系統寄存。",
    { start: "2025-04-14", health: "amber" },
  ],
  [
    "ITIB",
    "AI_AUTOMATION",
    "PCI",
    38,
    "awaitingFC",
    "Generative AI assistant for the 1823 enquiry service",
    "1823查詢服務生成式人工智能助理",
    "Answer routine public enquiries round the clock in English, Traditional and Simplified Chinese with a generative AI assistant grounded on departments' published information, handing complex cases to 1823 agents.",
    "以生成式人工智能助理，根據各部門已公布的資料，全天候以英文、繁體及簡體中文解答市民的一般查詢，複雜個案轉交1823客戶服務人員處理。",
    { age: 40, conds: true },
  ],
  [
    "ITIB",
    "CYBERSECURITY",
    "I",
    65,
    "closed",
    "Cyber Security Operations Centre upgrade",
    "網絡安全運作中心升級",
    "Upgrade the Government's Cyber Security Operations Centre with security analytics, threat-intelligence sharing and automated incident response covering all bureaux and departments.",
    "為政府網絡安全運作中心引入保安分析、威脅情報共享及自動化事故應變功能，涵蓋所有政策局及部門。",
    { start: "2024-04-15", months: 12 },
  ],
  [
    "ITIB",
    "DATA_SHARING",
    "PSI",
    24,
    "inProgress",
    "Consented Data Exchange Gateway: extension to 40 more services",
    "「授權數據交換閘道」擴展至另外40項服務",
    "Extend the Consented Data Exchange Gateway so that citizens can authorise the reuse of data they have already given to one department when they apply to another, under the 'tell us once' principle.",
    "擴展「授權數據交換閘道」，讓市民按「一次通報」原則，授權部門重用他們已向其他部門提供的資料。",
    { start: "2025-05-05", health: "green", conds: true },
  ],
  [
    "ITIB",
    "E_SERVICE",
    "PC",
    16,
    "benefitsReported",
    "iAM Smart+ digital signing for all e-services",
    "全面推行「智方便+」數碼簽署",
    "Let every government e-service accept iAM Smart+ digital signatures, replacing wet-ink signatures and counter visits for forms that legally require signing.",
    "讓所有政府電子服務接受「智方便+」數碼簽署，取代須親筆簽署的表格及親身遞交。",
    { start: "2024-07-08" },
  ],
  [
    "ITIB",
    "DATA_SHARING",
    "SI",
    9.8,
    "review",
    "Multi-functional Smart Lampposts data analytics platform",
    "多功能智慧燈柱數據分析平台",
    "Consolidate traffic, air-quality and weather data from multi-functional smart lampposts into one analytics platform and publish real-time open data.",
    "整合多功能智慧燈柱收集的交通、空氣質素及天氣數據於單一分析平台，並發布實時開放數據。",
    { age: 18, approved: [DI] },
  ],
  [
    "ITIB",
    "OTHER",
    "I",
    28,
    "review",
    "Government-wide Digital Workplace collaboration suite",
    "政府數碼工作間協作平台",
    "Give all civil servants a secure cloud collaboration suite (mail, chat, video meetings and co-authoring) to replace departmental mail systems.",
    "為全體公務員提供安全的雲端協作平台（電郵、即時通訊、視像會議及共同編輯），取代各部門的電郵系統。",
    { age: 9, rounds: 2 },
  ],
  [
    "ITIB",
    "DATA_SHARING",
    "SC",
    6.2,
    "closed",
    "DATA.GOV.HK open data portal revamp",
    "「資料一線通」開放數據平台重新設計",
    "Rebuild the public sector open data portal with dataset search, APIs, usage analytics and a request-a-dataset service.",
    "重建公營機構開放數據平台，提供數據集搜尋、應用程式介面、使用分析及數據集申請服務。",
    { start: "2024-05-06" },
  ],
  [
    "ITIB",
    "CYBERSECURITY",
    "I",
    14.8,
    "draftComplete",
    "Zero Trust network architecture pilot",
    "「零信任」網絡架構試點",
    "Pilot a zero-trust architecture with identity-aware access, device posture checks and micro-segmentation for the internal systems of three departments.",
    "為三個部門的內部系統試行零信任架構，包括按身份存取、裝置狀態檢查及微分段。",
    { start: "2026-10-19" },
  ],
  [
    "ITIB",
    "DATA_SHARING",
    "S",
    8.1,
    "draft",
    "Government data catalogue and metadata registry",
    "政府數據目錄及元數據登記冊",
    "Register every dataset held by bureaux and departments in one catalogue with owners, classifications and sharing terms.",
    "把各政策局及部門持有的數據集登記於單一目錄，列明負責人、保安級別及共享條款。",
    { start: "2026-11-02" },
  ],

  // Immigration Department
  [
    "IMMD",
    "E_SERVICE",
    "PIC",
    86,
    "onHold",
    "Smart departure e-Channels at land boundary control points",
    "陸路邊境管制站智能離境自助通道",
    "Expand contactless e-Channels with facial recognition to all land boundary control points, so that residents and enrolled visitors clear departure without presenting documents.",
    "於所有陸路邊境管制站擴展以人臉識別的非接觸式自助通道，讓居民及已登記旅客無須出示證件即可辦理離境手續。",
    { start: "2025-04-28", code: "OTHER" },
  ],
  [
    "IMMD",
    "E_SERVICE",
    "PC",
    7.5,
    "closed",
    "Online appointment and e-payment for HKSAR passport applications",
    "特區護照申請網上預約及電子付款",
    "Let applicants book appointments, upload photographs and pay fees online for HKSAR passport applications, with SMS reminders and collection at self-service kiosks.",
    "讓申請人網上預約、上載相片及繳付特區護照申請費用，並提供短訊提示及自助服務站領取證件。",
    { start: "2024-04-22", conds: true },
  ],
  [
    "IMMD",
    "AI_AUTOMATION",
    "PCI",
    48,
    "fundingReview",
    "Facial recognition e-Channels for visitors at the airport",
    "機場訪客人臉識別自助通道",
    "Let eligible visitors use facial-recognition e-Channels at Hong Kong International Airport after a one-off enrolment, cutting queuing time at peak hours.",
    "讓合資格訪客在一次性登記後，於香港國際機場使用人臉識別自助通道，縮短繁忙時段的輪候時間。",
    { age: 12, conds: true },
  ],
  [
    "IMMD",
    "INFRASTRUCTURE",
    "PI",
    22,
    "returned",
    "Biometric data platform upgrade",
    "生物特徵數據平台升級",
    "Replace the end-of-life platform storing the fingerprint and facial templates used for identity checks, moving it to the government private cloud with encryption at rest.",
    "更換已屆使用年限、儲存身份核實所用指紋及人臉範本的平台，遷移至政府私有雲並實施靜態加密。",
    { age: 20, rounds: 2, by: DI, code: "SECURITY_RISK" },
  ],
  [
    "IMMD",
    "AI_AUTOMATION",
    "P",
    4.8,
    "inProgress",
    "Robotic process automation for visa application vetting",
    "簽證申請審核機械人流程自動化",
    "Automate the routine checks in employment and training visa applications (completeness, document matching, watch-list screening) so that officers can focus on judgement.",
    "以機械人流程自動化處理就業及受訓簽證申請的例行檢查（資料完整性、文件核對、名單篩查），讓人員專注於需要判斷的工作。",
    { start: "2025-06-02", health: "green" },
  ],
  [
    "IMMD",
    "E_SERVICE",
    "PSC",
    12,
    "review",
    "Online birth and death registration",
    "出生及死亡登記網上服務",
    "Let parents register a birth and families register a death online, with hospitals transmitting the medical certificates electronically.",
    "讓父母網上辦理出生登記及家人網上辦理死亡登記，醫院以電子方式傳送醫學證明書。",
    { age: 25, approved: [DG] },
  ],
  [
    "IMMD",
    "DATA_SHARING",
    "PS",
    5.6,
    "rejectedReview",
    "Sharing entry records of imported workers with the Labour Department",
    "與勞工處共享輸入勞工入境紀錄",
    "Give the Labour Department a daily feed of imported workers' arrival and departure records to check employers' compliance with the labour importation schemes.",
    "每日向勞工處提供輸入勞工的出入境紀錄，以便查核僱主是否遵守輸入勞工計劃的規定。",
    { start: "2025-05-12", by: DGOV, code: "DATA_PRIVACY_RISK" },
  ],
  [
    "IMMD",
    "INFRASTRUCTURE",
    "PI",
    145,
    "deferred",
    "Smart identity card system mid-life refresh",
    "智能身份證系統中期更新",
    "Refresh the servers, card personalisation equipment and card readers of the smart identity card system at mid-life, keeping it supported until the next generation.",
    "在智能身份證系統中期更新伺服器、製證設備及讀卡器，確保系統在下一代推出前繼續獲得支援。",
    { age: 150, code: "FUNDING_PRIORITY" },
  ],
  [
    "IMMD",
    "CYBERSECURITY",
    "I",
    26.5,
    "review",
    "Cyber-resilience programme for immigration control systems",
    "出入境管制系統網絡韌性計劃",
    "Harden the immigration control systems against ransomware with immutable back-ups, network segmentation and a tested recovery runbook.",
    "以不可更改的備份、網絡分隔及經測試的復原程序，加強出入境管制系統抵禦勒索軟件的能力。",
    { age: 33 },
  ],
  [
    "IMMD",
    "E_SERVICE",
    "PC",
    6.3,
    "draft",
    "Online application for certificates of absence of marriage records",
    "無婚姻紀錄證明書網上申請",
    "Let applicants apply and pay for certificates of absence of marriage records online and receive them as e-certificates.",
    "讓申請人網上申請及繳費領取無婚姻紀錄證明書，並以電子證書形式發出。",
    { start: "2026-07-20" },
  ],

  // Education Bureau
  [
    "EDB",
    "E_SERVICE",
    "PC",
    14,
    "inProgress",
    "e-Admission for Primary One and Secondary One places",
    "小一及中一學位電子申請",
    "Let parents apply for Primary One and Secondary One places, choose schools and receive allocation results online with iAM Smart, replacing paper forms.",
    "讓家長透過「智方便」網上申請小一及中一學位、選校及接收派位結果，取代紙本表格。",
    { start: "2025-04-07", health: "red" },
  ],
  [
    "EDB",
    "DATA_SHARING",
    "PS",
    18,
    "review",
    "School administration data hub",
    "學校行政數據樞紐",
    "Give public-sector schools one hub to submit statistics, staff and student returns once, shared with the sections of the Bureau that need them.",
    "讓公營學校透過單一樞紐一次過提交統計、教職員及學生申報資料，並與局內有需要的組別共享。",
    { age: 45 },
  ],
  [
    "EDB",
    "AI_AUTOMATION",
    "PS",
    12.2,
    "returned",
    "Learning analytics for self-directed learning",
    "自主學習分析平台",
    "Analyse students' anonymised e-learning records to suggest practice materials to teachers, keeping to data minimisation.",
    "分析去識別化的學生電子學習紀錄，向教師建議練習材料，並遵守資料最少化原則。",
    { age: 8, by: DGOV, code: "DATA_PRIVACY_RISK" },
  ],

  // Food and Environmental Hygiene Department
  [
    "FEHD",
    "E_SERVICE",
    "PC",
    11.8,
    "closed",
    "e-Licensing for food premises",
    "食物業處所電子發牌",
    "Let restaurant and food factory operators apply for, track and renew food licences online, with electronic plan submission and e-payment.",
    "讓食肆及食物製造廠經營者網上申請、追蹤及續領食物業牌照，並以電子方式提交圖則及繳費。",
    { start: "2024-06-03", deferReopen: true },
  ],
  [
    "FEHD",
    "AI_AUTOMATION",
    "I",
    6.5,
    "benefitsReview",
    "IoT rodent monitoring with thermal cameras",
    "以熱能攝影機進行物聯網鼠患監察",
    "Detect rodent activity at hygiene black spots with thermal-imaging cameras and AI, directing pest control to where it is needed.",
    "以熱能攝影機及人工智能偵測衞生黑點的鼠隻活動，把防治工作集中於有需要的地點。",
    { start: "2024-10-14" },
  ],
  [
    "FEHD",
    "E_SERVICE",
    "PC",
    3.2,
    "withdrawnDraft",
    "Electronic allocation of public niches",
    "公眾骨灰龕位電子編配",
    "Let applicants apply for public niches and choose a niche online, with electronic ballots.",
    "讓申請人網上申請公眾骨灰龕位及揀選龕位，並以電子方式抽籤。",
    { start: "2025-08-11" },
  ],
  [
    "FEHD",
    "E_SERVICE",
    "PC",
    2.5,
    "draft",
    "Hawker licence e-services",
    "小販牌照電子服務",
    "Let licensed hawkers renew licences, report changes of assistants and pay fees online.",
    "讓持牌小販網上續牌、申報助手變更及繳費。",
    { start: "2026-11-09" },
  ],

  // Social Welfare Department
  [
    "SWD",
    "DATA_SHARING",
    "PSI",
    42,
    "awaitingFC",
    "Cross-departmental data-sharing platform for social welfare",
    "社會福利跨部門數據共享平台",
    "Let social workers verify eligibility for assistance with data shared by the Immigration, Inland Revenue, Housing and Labour Departments, with consent and a full audit trail, instead of asking applicants for paper proofs.",
    "讓社工在取得同意並留有完整稽核紀錄的情況下，使用入境處、稅務局、房屋署及勞工處共享的數據核實受助資格，無須申請人提交紙本證明。",
    { age: 75, conds: true },
  ],
  [
    "SWD",
    "E_SERVICE",
    "PSC",
    9.5,
    "inProgress",
    "Online application for Comprehensive Social Security Assistance",
    "綜合社會保障援助網上申請",
    "Let applicants apply for CSSA online, upload documents and track progress, with data verified through the Consented Data Exchange Gateway.",
    "讓申請人網上申請綜援、上載文件及查閱進度，並透過「授權數據交換閘道」核實資料。",
    { start: "2025-04-07", health: "amber", conds: true },
  ],
  [
    "SWD",
    "E_SERVICE",
    "PC",
    7.2,
    "fundingReview",
    "Community Care Service Voucher e-wallet for elders",
    "長者社區照顧服務券電子錢包",
    "Replace paper vouchers with an e-wallet that elders and their carers use to pay recognised service providers.",
    "以電子錢包取代紙本服務券，讓長者及照顧者向認可服務單位付款。",
    { age: 4 },
  ],
  [
    "SWD",
    "AI_AUTOMATION",
    "PS",
    8.9,
    "returned",
    "AI-assisted risk screening of child protection referrals",
    "兒童保護轉介人工智能風險篩查",
    "Help social workers prioritise child protection referrals with a transparent risk model trained on past cases and reviewed by an ethics panel.",
    "以經道德委員會審視、以過往個案訓練的透明風險模型，協助社工為兒童保護轉介排列優次。",
    { age: 30, rounds: 3, by: DGOV, code: "DATA_PRIVACY_RISK" },
  ],

  // Housing Department
  [
    "HD",
    "E_SERVICE",
    "PCI",
    35,
    "inProgress",
    "Smart tenancy management for public housing",
    "公共房屋智能租務管理",
    "Move public rental housing tenancy processes online — rent payment, income declarations, transfers and repair requests — with a tenant app and a new tenancy system.",
    "把公屋租務程序電子化，包括繳交租金、入息申報、調遷及維修申請，並推出租戶流動應用程式及新租務系統。",
    { start: "2024-11-04", health: "red", conds: true },
  ],
  [
    "HD",
    "INFRASTRUCTURE",
    "I",
    12.6,
    "closed",
    "Smart lift monitoring in public housing estates",
    "公共屋邨升降機智能監察",
    "Fit sensors to 1,200 lifts in public housing estates to report faults automatically and predict failures.",
    "在公共屋邨1,200部升降機安裝感應器，自動報告故障及預測損壞。",
    { start: "2024-05-20", pauseResume: true },
  ],
  [
    "HD",
    "E_SERVICE",
    "PC",
    8.8,
    "review",
    "Public rental housing application e-platform",
    "公屋申請電子平台",
    "Let applicants submit and update public rental housing applications online with supporting documents and iAM Smart.",
    "讓申請人透過「智方便」網上遞交及更新公屋申請和證明文件。",
    { age: 6 },
  ],
  [
    "HD",
    "AI_AUTOMATION",
    "PC",
    4.3,
    "draft",
    "AI chatbot for public housing tenants",
    "公屋租戶人工智能聊天機械人",
    "Answer tenants' questions on rent, repairs and estate services around the clock.",
    "全天候解答租戶有關租金、維修及屋邨服務的查詢。",
    { start: "2026-11-16" },
  ],

  // Labour Department
  [
    "LD",
    "AI_AUTOMATION",
    "PC",
    8.4,
    "onHold",
    "AI job matching for the Interactive Employment Service",
    "「互動就業服務」人工智能職位配對",
    "Match job seekers with vacancies using skills extracted from CVs and job descriptions, explaining each recommendation.",
    "以從履歷及職位描述擷取的技能，為求職者配對空缺，並解釋每項建議的原因。",
    { start: "2025-06-16", code: "SECURITY_RISK", pausedByLead: true },
  ],
  [
    "LD",
    "E_SERVICE",
    "PC",
    3.6,
    "closed",
    "e-Filing of work injury reports",
    "工傷報告電子提交",
    "Let employers file employees' compensation forms online and receive acknowledgements at once.",
    "讓僱主網上提交僱員補償表格並即時收到確認。",
    { start: "2024-08-12" },
  ],
  [
    "LD",
    "OTHER",
    "",
    2.6,
    "withdrawnReview",
    "Mobile app for labour inspectors",
    "勞工督察流動應用程式",
    "Give labour inspectors a mobile app to record inspections and photographs on site.",
    "為勞工督察提供流動應用程式，於現場記錄巡查結果及相片。",
    { start: "2025-10-06" },
  ],

  // Inland Revenue Department
  [
    "IRD",
    "E_SERVICE",
    "PSC",
    13,
    "benefitsReview",
    "e-Stamping 2.0 for property transactions",
    "物業交易電子印花2.0",
    "Stamp property sale and lease agreements fully online, passing the data to the Land Registry for registration.",
    "全面網上為物業買賣及租賃協議加蓋印花，並把資料傳送土地註冊處辦理註冊。",
    { start: "2024-09-02" },
  ],
  [
    "IRD",
    "AI_AUTOMATION",
    "P",
    19.5,
    "fundingReview",
    "AI risk profiling of tax returns",
    "報稅表人工智能風險評估",
    "Select tax returns for audit with a machine-learning risk model that explains to assessors the factors behind each selection.",
    "以機器學習風險模型挑選須審核的報稅表，並向評稅人員解釋每項選取的因素。",
    { age: 22, conds: true },
  ],
  [
    "IRD",
    "DATA_SHARING",
    "PS",
    3.8,
    "review",
    "Stamp duty data sharing with the Rating and Valuation Department",
    "與差餉物業估價署共享印花稅數據",
    "Share stamped transaction prices with the Rating and Valuation Department daily to improve the assessment of rateable values.",
    "每日與差餉物業估價署共享已加蓋印花的成交價，以改善應課差餉租值的評估。",
    { age: 3 },
  ],

  // Transport Department
  [
    "TD",
    "DATA_SHARING",
    "SI",
    26,
    "closed",
    "Smart traffic data analytics hub",
    "智能交通數據分析中心",
    "Combine detector, GPS and public transport data in one hub that gives real-time journey times and feeds open data.",
    "整合偵測器、全球定位系統及公共交通數據於單一中心，提供實時行車時間並發布開放數據。",
    { start: "2024-04-08", conds: true, months: 11 },
  ],
  [
    "TD",
    "E_SERVICE",
    "PC",
    10.4,
    "inProgress",
    "Online renewal of vehicle and driving licences",
    "車輛及駕駛執照網上續期",
    "Renew vehicle and driving licences online, with electronic licences in the iAM Smart app.",
    "網上續領車輛及駕駛執照，並於「智方便」應用程式顯示電子執照。",
    { start: "2025-08-04", health: "green" },
  ],
  [
    "TD",
    "INFRASTRUCTURE",
    "CI",
    9.4,
    "returned",
    "Smart parking meters: real-time vacancies and mobile payment",
    "智能咪錶：實時空位及流動付款",
    "Replace the remaining old parking meters with smart meters that show vacancies in real time and accept mobile payment.",
    "更換剩餘的舊式咪錶為智能咪錶，實時顯示空位並接受流動付款。",
    { age: 55, by: DI, code: "COST_NOT_JUSTIFIED" },
  ],

  // Hong Kong Police Force
  [
    "HKPF",
    "INFRASTRUCTURE",
    "PSI",
    72,
    "inProgress",
    "Digital evidence management system",
    "數碼證物管理系統",
    "Store and manage digital evidence — CCTV footage, mobile phone extractions, body-worn video — with chain-of-custody records and secure sharing with the Department of Justice.",
    "儲存及管理數碼證物（閉路電視片段、手機數據擷取、隨身攝錄影片），記錄證物鏈並與律政司安全共享。",
    { start: "2025-04-22", health: "green", conds: true },
  ],
  [
    "HKPF",
    "E_SERVICE",
    "PC",
    4.5,
    "review",
    "e-Report Room enhancement",
    "網上報案室優化",
    "Add e-forms for lost property and minor traffic accidents and let reporters track their cases online.",
    "新增遺失財物及輕微交通意外的電子表格，並讓報案人網上查閱案件進度。",
    { age: 14, approved: [DGOV] },
  ],
  [
    "HKPF",
    "INFRASTRUCTURE",
    "PI",
    26,
    "review",
    "Cloud storage for body-worn video cameras",
    "隨身攝錄機雲端儲存",
    "Move body-worn video from station servers to the government private cloud with automated retention periods.",
    "把隨身攝錄影片由警署伺服器遷移至政府私有雲，並自動執行保存期限。",
    { age: 28, approved: [DI] },
  ],

  // Fire Services Department
  [
    "FSD",
    "AI_AUTOMATION",
    "I",
    31,
    "awaitingFC",
    "AI enhancements to the mobilising and communications system",
    "調派及通訊系統人工智能提升",
    "Recommend the nearest suitable appliances and ambulances using real-time traffic, and forecast demand by district.",
    "利用實時交通資料建議最近的合適消防車及救護車，並按地區預測需求。",
    { age: 21 },
  ],
  [
    "FSD",
    "E_SERVICE",
    "C",
    2.8,
    "closed",
    "Electronic fire service installation certificates",
    "消防裝置證書電子化",
    "Issue fire service installation certificates electronically and let registered contractors submit them online.",
    "以電子方式簽發消防裝置證書，並讓註冊承辦商網上提交。",
    { start: "2024-10-07" },
  ],

  // Customs and Excise Department
  [
    "CED",
    "E_SERVICE",
    "PSIC",
    120,
    "inProgress",
    "Trade Single Window phase 3",
    "貿易單一窗口第三階段",
    "Bring the remaining trade documents — cargo manifests and trade declarations — onto the Trade Single Window, so that traders submit once to all control agencies.",
    "把餘下的貿易文件（貨物艙單及貿易報關）納入貿易單一窗口，讓貿易商一次過向所有管制機構提交。",
    { start: "2024-08-05", health: "red", conds: true },
  ],
  [
    "CED",
    "AI_AUTOMATION",
    "I",
    23,
    "rejectedFunding",
    "AI analysis of cargo X-ray images",
    "貨物X光影像人工智能分析",
    "Flag suspicious cargo in X-ray images at the container terminals with AI.",
    "以人工智能在貨櫃碼頭標示X光影像中的可疑貨物。",
    { start: "2025-09-15", lead: DI, code: "COST_NOT_JUSTIFIED" },
  ],
  [
    "CED",
    "CYBERSECURITY",
    "I",
    17.6,
    "review",
    "Cyber-security hardening of customs control systems",
    "海關管制系統網絡安全強化",
    "Add endpoint detection, privileged access management and round-the-clock monitoring to the customs control systems.",
    "為海關管制系統加設端點偵測、特權存取管理及全天候監察。",
    { age: 11 },
  ],

  // Department of Health
  [
    "DH",
    "E_SERVICE",
    "PSC",
    9.1,
    "benefitsReported",
    "Vaccination record e-platform",
    "疫苗接種紀錄電子平台",
    "Give citizens their vaccination records in the eHealth app and let schools verify immunisation status with consent.",
    "讓市民於「醫健通」應用程式查閱疫苗接種紀錄，並讓學校在取得同意後核實接種狀況。",
    { start: "2024-06-17" },
  ],
  [
    "DH",
    "OTHER",
    "",
    2.4,
    "rejectedReview",
    "Tobacco control e-enforcement app",
    "控煙電子執法應用程式",
    "Let tobacco control inspectors issue fixed penalty notices from a mobile device.",
    "讓控煙督察以流動裝置發出定額罰款通知書。",
    { start: "2024-11-18", by: DG, code: "DUPLICATES_EXISTING_SYSTEM" },
  ],
  [
    "DH",
    "E_SERVICE",
    "PC",
    4.6,
    "review",
    "e-Ticketing for maternal and child health centres",
    "母嬰健康院電子籌號",
    "Let parents book and queue for maternal and child health centre services online.",
    "讓家長網上預約及輪候母嬰健康院服務。",
    { age: 2 },
  ],
  [
    "DH",
    "DATA_SHARING",
    "PSI",
    33,
    "awaitingFC",
    "Territory-wide cancer screening information system",
    "全港癌症篩查資訊系統",
    "Run the colorectal and cervical screening programmes on one system that invites, reminds and tracks participants and shares results with their doctors.",
    "以單一系統推行大腸癌及子宮頸癌篩查計劃，邀請、提醒及跟進參加者，並與其醫生共享結果。",
    { age: 62 },
  ],

  // Leisure and Cultural Services Department
  [
    "LCSD",
    "E_SERVICE",
    "PCI",
    58,
    "onHold",
    "Smart library system",
    "智能圖書館系統",
    "Replace the public libraries' system with RFID self-service, 24-hour lockers, e-books and personalised recommendations.",
    "以無線射頻識別自助服務、24小時自助借還櫃、電子書及個人化推介取代公共圖書館系統。",
    { start: "2025-05-19", code: "OTHER" },
  ],
  [
    "LCSD",
    "E_SERVICE",
    "PC",
    16.5,
    "closed",
    "SmartPLAY leisure facilities booking",
    "「康體通」康樂設施預訂",
    "Book sports facilities and programmes online with iAM Smart, with fair ballots for popular slots and penalties for no-shows.",
    "透過「智方便」網上預訂體育設施及活動，熱門時段以公平抽籤分配並設缺席罰則。",
    { start: "2024-04-29", conds: true },
  ],
  [
    "LCSD",
    "E_SERVICE",
    "PCI",
    42,
    "rejectedFC",
    "Replacement of the URBTIX ticketing system",
    "城市電腦售票網系統更換",
    "Replace the cultural venues' ticketing system with a cloud platform resilient to demand spikes and ticket scalping.",
    "以能應付需求高峰及防範炒賣的雲端平台，更換文化場地售票系統。",
    { start: "2025-06-16" },
  ],

  // Lands Department
  [
    "LANDSD",
    "DATA_SHARING",
    "SI",
    38,
    "fundingReview",
    "3D spatial data sharing platform",
    "三維空間數據共享平台",
    "Share 3D maps, building models and underground utility data across departments for planning and works.",
    "與各部門共享三維地圖、建築物模型及地下公用設施數據，以支援規劃及工程。",
    { age: 16 },
  ],
  [
    "LANDSD",
    "E_SERVICE",
    "C",
    2.9,
    "returned",
    "e-Submission of lease modification applications",
    "契約修訂申請電子提交",
    "Let applicants submit lease modification and land exchange applications online with their plans.",
    "讓申請人網上提交契約修訂及換地申請連同圖則。",
    { age: 12, code: "INCOMPLETE_BUSINESS_CASE" },
  ],

  // Buildings Department
  [
    "BD",
    "E_SERVICE",
    "CI",
    14.2,
    "inProgress",
    "Building Information Modelling e-submission",
    "建築信息模擬電子呈交",
    "Accept building plans as BIM models, with automated checks against selected building regulations.",
    "接受以建築信息模擬模型呈交建築圖則，並自動檢查部分建築規例。",
    { start: "2025-05-05", health: "green" },
  ],
  [
    "BD",
    "AI_AUTOMATION",
    "I",
    5.9,
    "review",
    "AI detection of unauthorised building works from aerial images",
    "以航拍影像人工智能偵測違例建築工程",
    "Compare aerial and drone images over time with AI to spot new unauthorised building works.",
    "以人工智能比較不同時期的航拍及無人機影像，偵測新的違例建築工程。",
    { age: 19 },
  ],

  // Environmental Protection Department
  [
    "EPD",
    "E_SERVICE",
    "PC",
    7.8,
    "withdrawnDeferred",
    "Municipal solid waste charging e-platform",
    "都市固體廢物收費電子平台",
    "Sell designated bags and labels and manage the charging accounts of waste collectors online.",
    "網上出售指定垃圾袋及標籤，並管理廢物收集商的收費帳戶。",
    { start: "2024-04-15" },
  ],
  [
    "EPD",
    "INFRASTRUCTURE",
    "SI",
    11.3,
    "deferred",
    "Air quality sensor network data platform",
    "空氣質素感應器網絡數據平台",
    "Collect the readings of 300 low-cost air-quality sensors in a platform shared with the Observatory and the Transport Department.",
    "收集300個低成本空氣質素感應器的讀數，並與天文台及運輸署共享平台。",
    { age: 60, code: "FUNDING_PRIORITY" },
  ],

  // Home Affairs Department
  [
    "HAD",
    "E_SERVICE",
    "C",
    3.4,
    "review",
    "Building management e-platform for owners' corporations",
    "業主立案法團大廈管理電子平台",
    "Give owners' corporations an e-platform for meetings, voting, notices and accounts.",
    "為業主立案法團提供處理會議、投票、通告及帳目的電子平台。",
    { age: 38 },
  ],

  // Water Supplies Department
  [
    "WSD",
    "INFRASTRUCTURE",
    "PI",
    62,
    "inProgress",
    "Smart water meters and leak detection",
    "智能水錶及漏水偵測",
    "Install smart water meters for 1.2 million accounts, with leak alerts and monthly e-bills.",
    "為120萬個帳戶安裝智能水錶，提供漏水警報及每月電子帳單。",
    { start: "2024-10-21", health: "amber" },
  ],
  [
    "WSD",
    "E_SERVICE",
    "PC",
    4.1,
    "benefitsReported",
    "Water account e-services and e-billing",
    "水費帳戶電子服務及電子帳單",
    "Open and close water accounts, receive e-bills and pay online.",
    "網上開立及終止水費帳戶、接收電子帳單及繳費。",
    { start: "2024-07-22" },
  ],

  // Companies Registry, Land Registry
  [
    "CR",
    "E_SERVICE",
    "PSC",
    17.8,
    "onHold",
    "Companies e-registry with significant controllers registers",
    "公司電子註冊及重要控制人登記冊",
    "Let companies file their significant controllers registers online and share them with law enforcement agencies through statutory gateways.",
    "讓公司網上提交重要控制人登記冊，並按法定途徑與執法機構共享。",
    { start: "2025-04-22", code: "DATA_PRIVACY_RISK", resumed: true },
  ],
  [
    "LR",
    "INFRASTRUCTURE",
    "PI",
    46,
    "returned",
    "Integrated Registration Information System renewal",
    "綜合註冊資訊系統更新",
    "Renew the land registration system on the government cloud and add e-submission of registrable instruments.",
    "於政府雲端更新土地註冊系統，並新增電子提交可註冊文書。",
    { age: 5, rounds: 2, code: "COST_NOT_JUSTIFIED" },
  ],

  // Government Logistics Department
  [
    "GLD",
    "E_SERVICE",
    "SI",
    19,
    "inProgress",
    "e-Procurement system with e-Tendering",
    "電子採購系統（電子招標）",
    "Run government tenders end to end online, from invitation to award, with supplier data shared across procuring departments.",
    "以電子方式處理政府招標全程，由招標至批出合約，並在採購部門之間共享供應商資料。",
    { start: "2025-07-07", health: "green" },
  ],
  [
    "GLD",
    "INFRASTRUCTURE",
    "I",
    5.2,
    "withdrawnFunding",
    "Government fleet telematics",
    "政府車隊車載資訊系統",
    "Fit 6,000 government vehicles with telematics for fuel, maintenance and utilisation reports.",
    "為6,000部政府車輛安裝車載資訊系統，提供燃料、維修及使用率報告。",
    { start: "2025-11-03" },
  ],

  // Marine Department, Agriculture, Fisheries and Conservation Department
  [
    "MD",
    "AI_AUTOMATION",
    "I",
    21.5,
    "rejectedFC",
    "AI-assisted vessel traffic services",
    "人工智能輔助船隻航行監察服務",
    "Predict vessel conflicts in Victoria Harbour and the fairways with AI to assist vessel traffic officers.",
    "以人工智能預測維多利亞港及航道的船隻衝突，協助船隻航行監察人員。",
    { start: "2024-12-09", lead: DI },
  ],
  [
    "AFCD",
    "E_SERVICE",
    "PC",
    2.1,
    "closed",
    "Online dog licence renewal",
    "狗隻牌照網上續期",
    "Renew dog licences and update microchip records online.",
    "網上續領狗隻牌照及更新晶片紀錄。",
    { start: "2024-09-23" },
  ],

  // Civil Service Bureau
  [
    "CSB",
    "OTHER",
    "PI",
    24.5,
    "review",
    "Government human resource management cloud platform",
    "政府人力資源管理雲端平台",
    "Replace departmental HR systems with one cloud platform for postings, leave, training and performance management.",
    "以單一雲端平台取代各部門的人力資源系統，處理職位調派、休假、培訓及表現管理。",
    { age: 52 },
  ],
  [
    "CSB",
    "AI_AUTOMATION",
    "",
    4.7,
    "draft",
    "Civil service e-learning with an AI tutor",
    "公務員電子學習人工智能導師",
    "Add an AI tutor to the civil service e-learning portal to answer questions on course content.",
    "在公務員電子學習平台加入人工智能導師，解答有關課程內容的問題。",
    { start: "2026-09-14" },
  ],

  // Census and Statistics Department, Hong Kong Observatory, EMSD, Hongkong Post, ISD, REO
  [
    "CENSTATD",
    "E_SERVICE",
    "PCI",
    27,
    "benefitsReview",
    "2026 Population By-census e-questionnaire",
    "2026年中期人口統計電子問卷",
    "Let households complete the by-census online and give field officers tablets linked to a cloud case-management system.",
    "讓住戶網上填寫中期人口統計問卷，並為統計員提供連接雲端個案管理系統的平板電腦。",
    { start: "2024-06-10", months: 18 },
  ],
  [
    "HKO",
    "AI_AUTOMATION",
    "I",
    6.8,
    "inProgress",
    "AI nowcasting of rainstorms",
    "人工智能暴雨臨近預報",
    "Forecast rainstorms up to three hours ahead with AI models trained on radar and satellite data.",
    "以雷達及衞星數據訓練的人工智能模型，預報未來三小時的暴雨。",
    { start: "2025-09-01", health: "green" },
  ],
  [
    "EMSD",
    "INFRASTRUCTURE",
    "I",
    16,
    "fundingReview",
    "Digital twins of E&M systems in government buildings",
    "政府建築物機電系統數碼雙生",
    "Build digital twins of the electrical and mechanical systems of 50 government buildings to predict failures and cut energy use.",
    "為50幢政府建築物的機電系統建立數碼雙生，預測故障及減少能源消耗。",
    { age: 9, conds: true, deferReopen: true },
  ],
  [
    "HKPO",
    "E_SERVICE",
    "CI",
    8.6,
    "returned",
    "Smart parcel locker network",
    "智能包裹櫃網絡",
    "Install 300 smart parcel lockers at MTR stations and public housing estates for collection round the clock.",
    "於港鐵站及公共屋邨安裝300個智能包裹櫃，提供24小時取件服務。",
    { age: 70, by: DG, code: "NOT_ALIGNED_WITH_POLICY" },
  ],
  [
    "ISD",
    "AI_AUTOMATION",
    "",
    3.9,
    "review",
    "AI translation and captioning for government press releases",
    "政府新聞稿人工智能翻譯及字幕",
    "Draft translations of press releases and live captions of press conferences with AI, checked by editors.",
    "以人工智能草擬新聞稿翻譯及記者會即時字幕，由編輯審核。",
    { age: 1 },
  ],
  [
    "REO",
    "INFRASTRUCTURE",
    "PI",
    18.4,
    "rejectedFunding",
    "Electronic poll register at all polling stations",
    "所有投票站電子選民登記冊",
    "Issue ballot papers against an electronic poll register at every polling station, preventing double voting.",
    "於所有投票站以電子選民登記冊發出選票，防止重複投票。",
    { start: "2025-11-17", code: "FUNDING_PRIORITY" },
  ],

  // Bureaux
  [
    "HHB",
    "DATA_SHARING",
    "PSI",
    88,
    "inProgress",
    "eHealth+ cross-sector health data sharing",
    "「醫健通+」跨界別健康數據共享",
    "Extend the Electronic Health Record Sharing System to primary care, Chinese medicine and cross-boundary care, with a personal health record for every citizen.",
    "擴展電子健康紀錄互通系統至基層醫療、中醫及跨境醫療，為每位市民建立個人健康紀錄。",
    { start: "2024-09-16", health: "green", conds: true },
  ],
  [
    "FSTB",
    "E_SERVICE",
    "PCI",
    15,
    "review",
    "Government e-payment gateway consolidation",
    "政府電子付款閘道整合",
    "Consolidate departments' payment gateways on one common platform accepting FPS, cards and e-wallets.",
    "把各部門的付款閘道整合至單一共用平台，接受轉數快、信用卡及電子錢包付款。",
    { age: 7, rounds: 2 },
  ],
  [
    "TLB",
    "DATA_SHARING",
    "SI",
    22,
    "deferred",
    "Cross-boundary logistics data platform",
    "跨境物流數據平台",
    "Share cargo and vehicle data with Mainland authorities and logistics operators to speed up cross-boundary clearance.",
    "與內地當局及物流營運商共享貨物及車輛數據，加快跨境清關。",
    { age: 95, code: "NOT_ALIGNED_WITH_POLICY" },
  ],
  [
    "DEVB",
    "OTHER",
    "I",
    13.5,
    "draftComplete",
    "Capital works digital project management platform",
    "工務工程數碼項目管理平台",
    "Manage capital works projects on one platform that brings together cost, programme and site data.",
    "以單一平台管理工務工程項目，整合成本、進度及工地數據。",
    { start: "2026-08-24" },
  ],
  [
    "DEVB",
    "AI_AUTOMATION",
    "I",
    6.1,
    "review",
    "Smart site safety system for public works",
    "公共工程智慧工地安全系統",
    "Detect unsafe acts on public works sites with AI video analytics and wearable sensors.",
    "以人工智能影像分析及穿戴式感應器，偵測公共工程工地的不安全行為。",
    { age: 23, approved: [DI] },
  ],
  [
    "EEB",
    "DATA_SHARING",
    "S",
    4.4,
    "withdrawnReturned",
    "Carbon neutrality data dashboard",
    "碳中和數據儀表板",
    "Publish a dashboard tracking the indicators of the Climate Action Plan 2050 with data from several departments.",
    "以多個部門的數據發布追蹤《香港氣候行動藍圖2050》指標的儀表板。",
    { start: "2025-06-09" },
  ],
  [
    "HYAB",
    "E_SERVICE",
    "PC",
    3.3,
    "deferred",
    "Youth development programmes e-platform",
    "青年發展計劃電子平台",
    "Let young people find and apply for youth development programmes and internships in one place.",
    "讓青年在同一平台搜尋及申請青年發展計劃及實習機會。",
    { age: 35, code: "FUNDING_PRIORITY" },
  ],
  [
    "LWB",
    "DATA_SHARING",
    "PS",
    6.7,
    "review",
    "Long-term care waiting list analytics",
    "長期護理服務輪候名單分析",
    "Analyse the central waiting list for long-term care services to forecast demand by district.",
    "分析長期護理服務中央輪候名單，按地區預測需求。",
    { age: 16, rounds: 3 },
  ],
  [
    "SB",
    "INFRASTRUCTURE",
    "SI",
    34,
    "returned",
    "Common operating picture for emergency response",
    "應急通訊共同作戰圖像平台",
    "Give the Police, the Fire Services and other departments one live map of incidents and resources during emergencies.",
    "在緊急事故期間，為警務處、消防處及其他部門提供同一幅顯示事故及資源的實時地圖。",
    { age: 42, code: "SECURITY_RISK" },
  ],
  [
    "PLAND",
    "E_SERVICE",
    "CI",
    7.4,
    "fundingReview",
    "Planning applications e-submission with 3D visualisation",
    "規劃申請電子提交及三維展示",
    "Submit planning applications online and let the public view proposals in 3D.",
    "網上提交規劃申請，並讓公眾以三維方式瀏覽發展建議。",
    { age: 30 },
  ],
  [
    "RVD",
    "AI_AUTOMATION",
    "P",
    9.9,
    "rejectedReview",
    "AI-assisted mass valuation of rateable values",
    "人工智能輔助大規模評估應課差餉租值",
    "Estimate the rateable values of domestic properties with machine-learning models.",
    "以機器學習模型估算住宅物業的應課差餉租值。",
    { start: "2026-06-08", by: DG, code: "NOT_ALIGNED_WITH_POLICY" },
  ],
];

/** Names of the demo officers created for B/Ds other than ITIB and IMMD. */
const OFFICER_NAMES = [
  "Leung Wai Man",
  "Ng Ka Ho",
  "Tsang Mei Ling",
  "Yip Chun Kit",
  "Kwok Sze Wing",
  "Mak Tsz Yan",
  "Fung Ho Yin",
  "Tang Wing Yan",
  "Choi Ka Lok",
  "Lam Hiu Tung",
  "Poon Yee Man",
  "Siu Chi Keung",
  "Chow Pui Shan",
  "So Man Hon",
  "Ip Hoi Yan",
  "Lo Kwan Ho",
  "Tam Ching Yee",
  "Hui Lok Yiu",
  "Cheng Wai Kit",
  "Au Yeung Ka Wai",
  "Kong Suet Ying",
  "Law Chun Hei",
  "Sze Ming Fai",
  "Chu Wing Sum",
  "Wan Tsz Ching",
  "Yu Kin Wah",
  "Ma Hoi Ching",
  "Tse Ka Man",
  "Lui Sin Yi",
  "Chiu Wai Lun",
  "Koo Man Yee",
  "Shum Chi Wai",
  "Fok Ying Tung",
  "Yuen Ka Kei",
  "Pang Siu Wah",
];

// ---------------------------------------------------------------------------------------------------
// Text pools.
// ---------------------------------------------------------------------------------------------------

const CATEGORY_SENTENCE: Record<Category, [string, string]> = {
  E_SERVICE: [
    "It cuts counter visits and paper handling, towards the target of offering every suitable government service online.",
    "項目可減少市民親身到櫃枱辦理及處理紙本文件，配合把合適政府服務全面網上化的目標。",
  ],
  DATA_SHARING: [
    "Data will be shared under the Government's data governance framework, with every access logged and reviewed.",
    "數據將按政府數據治理框架共享，所有存取均有紀錄並定期檢視。",
  ],
  INFRASTRUCTURE: [
    "The system follows the Government's cloud-first policy and its IT security policy and guidelines.",
    "系統遵循政府「雲端優先」政策及資訊科技保安政策與指引。",
  ],
  AI_AUTOMATION: [
    "Officers review the outputs, and the model is assessed under the Ethical Artificial Intelligence Framework.",
    "所有結果均由人員覆核，模型亦會按《人工智能道德框架》進行評估。",
  ],
  CYBERSECURITY: [
    "It strengthens the Government's defences against ransomware and advanced persistent threats.",
    "項目加強政府抵禦勒索軟件及高級持續性威脅的能力。",
  ],
  OTHER: [
    "It supports the digital transformation of the civil service and frees staff from routine work.",
    "項目支援公務員隊伍的數碼轉型，讓人員毋須處理例行工作。",
  ],
};

const REASONS: Record<ReasonCode, string[]> = {
  INCOMPLETE_BUSINESS_CASE: [
    "The business case does not quantify the manual work the system replaces. Please add transaction volumes and a cost-benefit analysis.",
    "The savings and staff hours are not supported by a baseline. Please add current processing times and how they were measured.",
  ],
  COST_NOT_JUSTIFIED: [
    "The hardware and licence costs are high against comparable projects. Please give a market-price breakdown and at least two quotations.",
    "The implementation services estimate is about 40% above similar projects. Please justify it or reduce the scope of phase 1.",
  ],
  DUPLICATES_EXISTING_SYSTEM: [
    "The scope overlaps with services already offered centrally (the common e-payment and notification platforms). Please reuse them.",
    "A similar function already exists in a system of another department. Please explore sharing it before building a new one.",
  ],
  DATA_PRIVACY_RISK: [
    "Please complete a privacy impact assessment and limit the personal data collected to what the service needs.",
    "The legal basis for sharing the personal data with other departments is not established. Please obtain legal advice and consent arrangements.",
  ],
  SECURITY_RISK: [
    "The design exposes the administration interface to the Internet. Please revise it in line with the Government IT Security Policy and Guidelines.",
    "Please provide a security risk assessment of the integration with external parties and the controls for privileged access.",
  ],
  NOT_ALIGNED_WITH_POLICY: [
    "Please align the design with iAM Smart single sign-on and the Government's cloud-first policy.",
    "The proposal does not follow the Government's policy framework for this area yet. Please revisit it once the framework is promulgated.",
  ],
  FUNDING_PRIORITY: [
    "This year's block allocation is committed to higher-priority projects. It will be reconsidered in the next funding round.",
    "The project is worthwhile but ranks below others in this round. Please resubmit the funding request with updated costs next year.",
  ],
  OTHER: [
    "Please clarify the implementation timeline and the staff resources committed to user acceptance testing.",
    "Please confirm the support of the user divisions and the arrangements for the transition from the current system.",
  ],
};

const PAUSE_REASONS: Partial<Record<ReasonCode, string[]>> = {
  OTHER: [
    "The tender received no conforming bids; the project is paused while the tender is re-run.",
    "The contractor has fallen behind schedule; work is paused pending a review of the contract.",
  ],
  SECURITY_RISK: ["Paused to fix the high-risk findings of the security risk assessment and audit before go-live."],
  DATA_PRIVACY_RISK: [
    "Paused until the Privacy Commissioner's comments on the data-sharing arrangements are addressed.",
  ],
  FUNDING_PRIORITY: ["Paused while the Department re-prioritises its IT resources for the year."],
};

function pauseReason(code: ReasonCode): string {
  return pick(PAUSE_REASONS[code] ?? REASONS[code]);
}

/** Returns tend to raise what the returning division looks after. */
const CODES_BY_DIVISION: Record<Division, ReasonCode[]> = {
  DIGITAL_GOVERNMENT: [
    "INCOMPLETE_BUSINESS_CASE",
    "COST_NOT_JUSTIFIED",
    "DUPLICATES_EXISTING_SYSTEM",
    "NOT_ALIGNED_WITH_POLICY",
    "OTHER",
  ],
  DATA_GOVERNANCE: ["DATA_PRIVACY_RISK", "INCOMPLETE_BUSINESS_CASE", "DUPLICATES_EXISTING_SYSTEM"],
  DIGITAL_INFRASTRUCTURE: [
    "SECURITY_RISK",
    "COST_NOT_JUSTIFIED",
    "NOT_ALIGNED_WITH_POLICY",
    "INCOMPLETE_BUSINESS_CASE",
  ],
};

const CONDITIONS: Record<Division, string[]> = {
  DIGITAL_GOVERNMENT: [
    "Integrate iAM Smart for sign-in and e-signing before launch.",
    "Use the common e-payment platform rather than a separate payment gateway.",
    "Meet WCAG 2.1 AA and have the service audited for accessibility before launch.",
    "Publish a performance pledge and report transaction volumes to the Division quarterly.",
  ],
  DATA_GOVERNANCE: [
    "Complete a privacy impact assessment and submit it to the Data Governance Division before go-live.",
    "Sign a data-sharing agreement with each participating B/D and register the datasets in the government data catalogue.",
    "Release the non-personal datasets on DATA.GOV.HK within six months of launch.",
    "Set a retention and disposal schedule for the personal data collected.",
  ],
  DIGITAL_INFRASTRUCTURE: [
    "Host the system on the Government Cloud Infrastructure Services rather than on dedicated servers.",
    "Pass an independent security risk assessment and audit before go-live.",
    "Connect the system to the Cyber Security Operations Centre for round-the-clock monitoring.",
    "Provide a disaster recovery plan with a recovery time objective of four hours.",
  ],
};

const CONDITION_EVIDENCE = [
  "Done: the report was submitted to the Division and accepted.",
  "Completed; the signed documents are filed in the project folder.",
  "Met: the audit found no high-risk issues and the two medium-risk items were fixed.",
  "Implemented in the production environment and verified by the Division.",
];

const APPROVAL_COMMENTS = [
  "Supported. The benefits are well evidenced.",
  "No objection from the Division's perspective.",
  "Supported; please keep the Division informed of the tender timetable.",
  "Approved. Good reuse of common services.",
];

const QUESTIONS: [string, string][] = [
  [
    "Will the system be hosted on the Government Cloud Infrastructure Services?",
    "Yes. The capacity request has been lodged and the hosting design follows the GCIS reference architecture.",
  ],
  [
    "Please share the latest transaction volumes of the paper process.",
    "About 48,000 applications a year, 85% still on paper. The figures are now in the business case.",
  ],
  [
    "Has the Office of the Privacy Commissioner for Personal Data been consulted?",
    "We consulted the PCPD informally; a full privacy impact assessment will be done at the design stage.",
  ],
  [
    "The savings assume full take-up in the first year. Is that realistic?",
    "We now assume 60% take-up in the first year rising to 85% in the third, and have revised the savings.",
  ],
  [
    "Could the common notification platform replace the SMS gateway in the proposal?",
    "Agreed. We will use the common platform and have removed the SMS gateway from the costs.",
  ],
  [
    "What is the plan for users who cannot use the online service?",
    "Counter service stays, and staff will help users at the counters to go online.",
  ],
];

const FC_NOTES = [
  "Paper submitted to the Finance Committee; the Public Works Subcommittee is not involved as this is a computerisation item.",
  "Scheduled for discussion at a Finance Committee meeting this term.",
  "The Finance Committee paper has been circulated to Members.",
];

const BENEFIT_NOTES = [
  "Measured over the first twelve months after launch: processing time fell from 14 to 3 working days.",
  "Savings from reduced printing, postage and counter staffing, confirmed with the departmental finance office.",
  "Staff hours from time-and-motion sampling before and after roll-out; take-up reached 72% of transactions.",
  "Savings are below the estimate because take-up rose more slowly than planned; it reached 64% in month twelve.",
];

const MILESTONE_FIRST = ["Tender awarded", "Contract signed", "System analysis and design completed"];
const MILESTONE_MIDDLE = [
  "Privacy impact assessment completed",
  "Security risk assessment and audit passed",
  "Data migration completed",
  "User acceptance test completed",
  "Pilot launched at two offices",
  "Staff training completed",
  "Integration with iAM Smart completed",
];
const MILESTONE_LAST = [
  "Full roll-out",
  "System live",
  "Service launched to the public",
  "Legacy system decommissioned",
];

// ---------------------------------------------------------------------------------------------------
// Planning.
// ---------------------------------------------------------------------------------------------------

type Callers = {
  dg: Caller;
  dgov: Caller;
  di: Caller;
  leader: Caller;
  officerOf: (bureau: string) => Caller;
};

type Act = (plan: Plan, now: Date) => Promise<unknown>;
/** A step before times are set: `gap` working days after the previous one (0: later the same day). */
type Abstract = { gap: number; act: Act; onPlaced?: (at: number) => void; at?: number };
type Step = { at: number; act: Act };

interface Plan {
  index: number;
  bureau: string;
  category: Category;
  target: Target;
  options: Options;
  owner: Caller;
  lead: Division;
  required: Division[];
  flags: {
    handlesPersonalData: boolean;
    sharesDataAcrossBureaux: boolean;
    needsNewInfrastructure: boolean;
    citizenFacing: boolean;
  };
  titleEn: string;
  titleZh: string;
  summary: string;
  /** The non-recurrent cost first proposed, and the one the final proposal asks for. */
  initialCost: number;
  cost: number;
  recurrentCost: number;
  expectedAnnualSavings: number;
  expectedStaffHoursSaved: number;
  plannedStart: string;
  plannedEnd: string;
  milestones: { name: string; due: string }[];
  /** Conditions attached so far, in order (ids C1, C2, …). */
  conditions: { id: string; text: string; due?: string; division: Division }[];
  abstract: Abstract[];
  anchor: number | null;
  steps: Step[];
  ref: string;
  milestoneIds: string[] | null;
}

type FcItem = { date: string; paperRef: string };

const reviewerOf = (c: Callers, d: Division) => (d === DG ? c.dg : d === DGOV ? c.dgov : c.di);

function money(millions: number): number {
  return Math.round(millions * 1000 + int(-30, 30)) * 1000;
}

function roundTo(n: number, unit: number) {
  return Math.max(unit, Math.round(n / unit) * unit);
}

function reason(code: ReasonCode): string {
  return pick(REASONS[code]);
}

function makePlan(entry: Entry, index: number, callers: Callers): Plan {
  const [bureau, category, flagText, costM, target, titleEn, titleZh, sumEn, sumZh, options = {}] = entry;
  const flags = {
    handlesPersonalData: flagText.includes("P"),
    sharesDataAcrossBureaux: flagText.includes("S"),
    needsNewInfrastructure: flagText.includes("I"),
    citizenFacing: flagText.includes("C"),
  };
  const lead = options.lead ?? defaultLeadDivision(category);
  let cost = money(costM);
  // Keep every cost on its intended side of the block-allocation limit.
  if (costM > 20 && cost <= BLOCK_LIMIT) cost = BLOCK_LIMIT + 250_000;
  if (costM <= 20 && cost > BLOCK_LIMIT) cost = BLOCK_LIMIT - 250_000;
  const [catEn, catZh] = CATEGORY_SENTENCE[category];
  const savings = roundTo(cost * (0.12 + random() * 0.3), 10_000);
  return {
    index,
    bureau,
    category,
    target,
    options,
    owner: callers.officerOf(bureau),
    lead,
    required: requiredDivisions({ leadDivision: lead, ...flags }),
    flags,
    titleEn,
    titleZh,
    summary: `${sumEn} ${catEn}\n\n${sumZh}${catZh}`,
    initialCost: cost,
    cost,
    recurrentCost: roundTo(cost * (0.06 + random() * 0.12), 10_000),
    expectedAnnualSavings: savings,
    expectedStaffHoursSaved: roundTo((savings / 420) * (0.8 + random() * 0.6), 100),
    plannedStart: "",
    plannedEnd: "",
    milestones: [],
    conditions: [],
    abstract: [],
    anchor: null,
    steps: [],
    ref: "",
    milestoneIds: null,
  };
}

function fullProposal(p: Plan) {
  return {
    titleEn: p.titleEn,
    titleZh: p.titleZh,
    category: p.category,
    leadDivision: p.lead,
    summary: p.summary,
    ...p.flags,
    nonRecurrentCost: p.initialCost,
    recurrentCost: p.recurrentCost,
    expectedAnnualSavings: p.expectedAnnualSavings,
    expectedStaffHoursSaved: p.expectedStaffHoursSaved,
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    milestones: p.milestones,
  };
}

/** The first half of a proposal: what an officer types before the costs and the timeline. */
function outline(p: Plan) {
  return {
    titleEn: p.titleEn,
    titleZh: p.titleZh,
    category: p.category,
    leadDivision: p.lead,
    summary: p.summary,
    ...p.flags,
  };
}

function costAndTimeline(p: Plan) {
  return {
    nonRecurrentCost: p.initialCost,
    recurrentCost: p.recurrentCost,
    expectedAnnualSavings: p.expectedAnnualSavings,
    expectedStaffHoursSaved: p.expectedStaffHoursSaved,
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    milestones: p.milestones,
  };
}

/** Evenly spread milestones between a start and an end date (the last one on or near the end). */
function spreadMilestones(start: string, end: string): { name: string; due: string }[] {
  const span = daysBetween(start, end);
  const n = span < 200 ? int(2, 3) : int(3, 5);
  const names = [pick(MILESTONE_FIRST), ...shuffle(MILESTONE_MIDDLE).slice(0, n - 2), pick(MILESTONE_LAST)];
  return names.map((name, i) => {
    const due = i === n - 1 ? addDays(end, -int(0, 10)) : addDays(start, Math.round(((i + 1) * span) / n) - int(0, 10));
    return { name, due };
  });
}

function projectMonths(p: Plan): number {
  if (p.options.months) return p.options.months;
  if (p.cost > 50_000_000) return int(18, 30);
  if (p.cost > BLOCK_LIMIT) return int(12, 20);
  if (p.cost > 8_000_000) return int(9, 15);
  return int(6, 10);
}

/** Sets the planned timeline of a proposal that will not be delivered here, from a reference date. */
function setTimelineFrom(p: Plan, from: string) {
  p.plannedStart = firstOfNextMonth(addDays(from, int(60, 120)));
  p.plannedEnd = dayBefore(firstOfNextMonth(addMonths(p.plannedStart, projectMonths(p) - 1)));
  p.milestones = spreadMilestones(p.plannedStart, p.plannedEnd);
}

// --- Abstract journey (phase A: from creation to the funding decision) --------------------------------

function push(p: Plan, gap: number, act: Act, onPlaced?: (at: number) => void) {
  p.abstract.push({ gap, act, onPlaced });
}
function markAnchor(p: Plan) {
  p.anchor = p.abstract.length - 1;
}

const send =
  (who: Caller, body: Record<string, unknown>): Act =>
  (p, now) =>
    sendEvent(who, p.ref, body, { now });

function pushCreate(p: Plan, mode: "complete" | "outlineThenComplete" | "outlineOnly") {
  if (mode === "complete") {
    push(p, 0, (plan, now) => createDraft(plan.owner, fullProposal(plan), { now }).then((r) => (plan.ref = r.ref)));
    return;
  }
  const fields = chance(0.5)
    ? outline(p)
    : { titleEn: p.titleEn, titleZh: p.titleZh, category: p.category, summary: p.summary };
  push(p, 0, (plan, now) => createDraft(plan.owner, fields, { now }).then((r) => (plan.ref = r.ref)));
  if (mode === "outlineThenComplete") {
    // The officer completes the proposal a few days later.
    push(p, int(2, 8), (plan, now) =>
      updateDraft(plan.owner, plan.ref, { ...outline(plan), ...costAndTimeline(plan) }, { now }),
    );
  } else if (chance(0.6)) {
    // Still a draft: the costs are in, the timeline is not.
    push(p, int(1, 6), (plan, now) =>
      updateDraft(
        plan.owner,
        plan.ref,
        { nonRecurrentCost: plan.initialCost, recurrentCost: plan.recurrentCost },
        { now },
      ),
    );
  }
}

function pushQuestion(p: Plan, c: Callers) {
  const [q, a] = pick(QUESTIONS);
  const asker = reviewerOf(c, pick(p.required));
  push(p, int(1, 4), (plan, now) => addComment(asker, plan.ref, { body: q }, { now }));
  push(p, int(0, 2), (plan, now) => addComment(plan.owner, plan.ref, { body: a }, { now }));
}

function approveStep(p: Plan, c: Callers, d: Division, withConditions: boolean) {
  const reviewer = reviewerOf(c, d);
  if (!withConditions) {
    const body = chance(0.4) ? { type: "APPROVE", comment: pick(APPROVAL_COMMENTS) } : { type: "APPROVE" };
    push(p, int(2, 9), send(reviewer, body));
    return;
  }
  const texts = shuffle(CONDITIONS[d]).slice(0, chance(0.3) ? 2 : 1);
  const added = texts.map((text) => {
    const condition: Plan["conditions"][number] = { id: `C${p.conditions.length + 1}`, text, division: d };
    p.conditions.push(condition);
    return condition;
  });
  const dated = chance(0.5);
  push(
    p,
    int(2, 9),
    (plan, now) =>
      sendEvent(
        reviewer,
        plan.ref,
        {
          type: "APPROVE_WITH_CONDITIONS",
          conditions: added.map((x) => (x.due ? { text: x.text, due: x.due } : { text: x.text })),
        },
        { now },
      ),
    (at) => {
      // A dated condition falls due some months after approval.
      if (dated) for (const x of added) x.due = addDays(isoOf(at), int(120, 270));
    },
  );
}

type RoundEnd =
  | { kind: "approveAll"; conditions: boolean }
  | { kind: "pending"; approved: Division[] }
  | { kind: "return" | "reject"; by?: Division; code?: ReasonCode; anchor?: boolean };

/** One round of efficiency review after a (re)submission. */
function reviewRound(p: Plan, c: Callers, end: RoundEnd, questions: boolean) {
  if (questions) pushQuestion(p, c);
  const order = shuffle(p.required);
  if (end.kind === "approveAll") {
    const conditional = end.conditions ? pick(order) : null;
    for (const d of order) approveStep(p, c, d, d === conditional || (end.conditions ? chance(0.3) : chance(0.12)));
    return;
  }
  if (end.kind === "pending") {
    const approvable = order.filter((d) => end.approved.includes(d)).slice(0, Math.max(0, p.required.length - 1));
    for (const d of approvable) approveStep(p, c, d, chance(0.3));
    return;
  }
  const by = end.by && p.required.includes(end.by) ? end.by : pick(p.required);
  const code = end.code ?? pick(CODES_BY_DIVISION[by]);
  // Some divisions decide before the one that returns or rejects.
  for (const d of order) if (d !== by && chance(0.45)) approveStep(p, c, d, false);
  push(
    p,
    int(3, 10),
    send(reviewerOf(c, by), {
      type: end.kind === "return" ? "REQUEST_CHANGES" : "REJECT",
      reason: reason(code),
      reasonCode: code,
    }),
  );
  if (end.anchor) markAnchor(p);
}

/** The officer's revision after a return: a revised summary, sometimes a lower cost. */
function pushRevision(p: Plan, firstGap: [number, number]) {
  const lowerCost = chance(0.5);
  if (lowerCost) {
    const lowered = roundTo(p.cost * (0.9 + random() * 0.06), 1000);
    if (lowered > BLOCK_LIMIT === p.cost > BLOCK_LIMIT) p.cost = lowered;
  }
  const cost = p.cost;
  const note = pick([
    "Revised: cost breakdown and quotations added.",
    "Revised after the Division's comments: scope of phase 1 narrowed.",
    "Revised: privacy and security arrangements set out.",
    "Revised: reuse of common services confirmed.",
  ]);
  push(p, int(...firstGap), (plan, now) =>
    updateDraft(plan.owner, plan.ref, { summary: `${plan.summary}\n\n${note}`, nonRecurrentCost: cost }, { now }),
  );
  if (chance(0.3))
    push(p, int(0, 1), (plan, now) =>
      addComment(plan.owner, plan.ref, { body: `${note} Thank you for the comments.` }, { now }),
    );
}

const SUBMIT: Record<string, unknown> = { type: "SUBMIT" };
const RESUBMIT: Record<string, unknown> = { type: "RESUBMIT" };

/** A submission; a proposal above the business-case threshold gets its business case attached first. */
const submit =
  (who: Caller, body: Record<string, unknown>): Act =>
  async (p, now) => {
    await ensureBusinessCase(who, p.ref, now);
    return sendEvent(who, p.ref, body, { now });
  };

/** Submission, the rounds of review and (for the targets that get there) the funding decision. */
function planPhaseA(p: Plan, c: Callers, fc: FcItem[]): { fundedAt?: () => number } {
  const t = p.target;
  const o = p.options;
  const draftish = t === "draft" || t === "draftComplete" || t === "withdrawnDraft";
  pushCreate(
    p,
    t === "draft" ? "outlineOnly" : t === "draftComplete" || chance(0.5) ? "complete" : "outlineThenComplete",
  );
  if (t === "draft") return {};
  if (t === "draftComplete") {
    push(p, int(1, 6), (plan, now) =>
      updateDraft(
        plan.owner,
        plan.ref,
        { expectedStaffHoursSaved: roundTo(plan.expectedStaffHoursSaved * 1.1, 100) },
        { now },
      ),
    );
    return {};
  }
  if (draftish) {
    push(
      p,
      int(10, 40),
      send(p.owner, {
        type: "WITHDRAW",
        reason: "The service will be delivered through the common booking platform instead.",
      }),
    );
    return {};
  }

  push(p, int(2, 8), submit(p.owner, SUBMIT));
  const rounds =
    o.rounds ?? (["closed", "inProgress", "benefitsReview", "rejectedFC"].includes(t) && chance(0.2) ? 2 : 1);
  for (let r = 1; r < rounds; r++) {
    reviewRound(p, c, { kind: "return" }, r === 1 && chance(0.3));
    pushRevision(p, [4, 15]);
    push(p, int(1, 5), submit(p.owner, RESUBMIT));
  }
  const questions = chance(0.35);

  switch (t) {
    case "review":
      markAnchor(p);
      reviewRound(
        p,
        c,
        { kind: "pending", approved: o.approved ?? (chance(0.35) ? [pick(p.required)] : []) },
        questions,
      );
      return {};
    case "returned":
      reviewRound(p, c, { kind: "return", by: o.by, code: o.code, anchor: true }, questions);
      if (chance(0.5))
        push(p, int(1, 4), (plan, now) =>
          addComment(
            plan.owner,
            plan.ref,
            { body: "Noted; we are revising the proposal and will resubmit shortly." },
            { now },
          ),
        );
      return {};
    case "rejectedReview":
      reviewRound(p, c, { kind: "reject", by: o.by, code: o.code }, questions);
      return {};
    case "withdrawnReview":
      if (questions) pushQuestion(p, c);
      push(
        p,
        int(5, 15),
        send(p.owner, {
          type: "WITHDRAW",
          reason: "The Department will adopt a module of an existing system instead.",
        }),
      );
      return {};
    case "withdrawnReturned":
      reviewRound(p, c, { kind: "return", by: o.by, code: o.code ?? "DUPLICATES_EXISTING_SYSTEM" }, questions);
      push(
        p,
        int(10, 30),
        send(p.owner, {
          type: "WITHDRAW",
          reason: "The dashboard will be built on the Government's common data analytics platform instead.",
        }),
      );
      return {};
  }

  reviewRound(p, c, { kind: "approveAll", conditions: !!o.conds }, questions);
  const lead = reviewerOf(c, p.lead);
  const above = p.cost > BLOCK_LIMIT;

  if (o.deferReopen) {
    const code: ReasonCode = "FUNDING_PRIORITY";
    push(p, int(3, 10), send(lead, { type: "DEFER", reason: reason(code), reasonCode: code }));
    push(p, int(20, 45), send(lead, { type: "REOPEN", reason: "Funds released in the new funding round." }));
  }
  switch (t) {
    case "fundingReview":
      markAnchor(p);
      if (p.conditions.length && chance(0.6)) pushMeet(p, p.conditions[0]!, int(2, 6));
      return {};
    case "deferred": {
      const code = o.code ?? "FUNDING_PRIORITY";
      push(p, int(3, 12), send(lead, { type: "DEFER", reason: reason(code), reasonCode: code }));
      markAnchor(p);
      if (chance(0.5))
        push(p, int(3, 10), (plan, now) =>
          addComment(
            plan.owner,
            plan.ref,
            { body: "Noted. We will update the cost estimates for the next funding round." },
            { now },
          ),
        );
      return {};
    }
    case "withdrawnFunding":
      push(
        p,
        int(5, 15),
        send(p.owner, {
          type: "WITHDRAW",
          reason: "The Department will lease vehicles with telematics under the new fleet contract instead.",
        }),
      );
      return {};
    case "withdrawnDeferred":
      push(
        p,
        int(3, 8),
        send(lead, {
          type: "DEFER",
          reason: "Awaiting the Government's decision on the implementation date of waste charging.",
          reasonCode: "NOT_ALIGNED_WITH_POLICY",
        }),
      );
      push(
        p,
        int(10, 25),
        send(p.owner, {
          type: "WITHDRAW",
          reason: "The Government has put the implementation of municipal solid waste charging on hold.",
        }),
      );
      return {};
    case "rejectedFunding": {
      const code = o.code ?? "FUNDING_PRIORITY";
      push(p, int(5, 15), send(lead, { type: "REJECT", reason: reason(code), reasonCode: code }));
      return {};
    }
  }

  if (!above) {
    // Sometimes the lead division funds a little less than was asked for.
    const cut = chance(0.25) ? 0.9 + random() * 0.08 : 1;
    let fundedAt = 0;
    push(
      p,
      int(3, 12),
      (plan, now) =>
        sendEvent(lead, plan.ref, { type: "APPROVE_FUNDING", amount: roundTo(plan.cost * cut, 1000) }, { now }),
      (at) => (fundedAt = at),
    );
    return { fundedAt: () => fundedAt };
  }
  push(p, int(3, 10), (plan, now) =>
    sendEvent(lead, plan.ref, { type: "REFER_TO_FINANCE_COMMITTEE", amount: plan.cost }, { now }),
  );
  if (t === "awaitingFC") {
    markAnchor(p);
    if (chance(0.6))
      push(p, int(2, 8), (plan, now) => addComment(c.leader, plan.ref, { body: pick(FC_NOTES) }, { now }));
    return {};
  }
  const item: FcItem = { date: "", paperRef: "" };
  fc.push(item);
  if (t === "rejectedFC") {
    push(
      p,
      int(25, 50),
      (plan, now) =>
        sendEvent(
          c.leader,
          plan.ref,
          {
            type: "RECORD_FC_REJECTION",
            paperRef: item.paperRef,
            date: item.date,
            reason:
              "Members were not convinced of the cost-effectiveness and asked the Administration to review the scope.",
          },
          { now },
        ),
      (at) => (item.date = fridayOnOrBefore(isoOf(at))),
    );
    return {};
  }
  let fundedAt = 0;
  const trimmed = chance(0.25);
  push(
    p,
    int(25, 55),
    (plan, now) =>
      sendEvent(
        c.leader,
        plan.ref,
        {
          type: "RECORD_FC_APPROVAL",
          paperRef: item.paperRef,
          date: item.date,
          ...(trimmed ? { amount: roundTo(plan.cost * 0.95, 1000) } : {}),
        },
        { now },
      ),
    (at) => {
      item.date = fridayOnOrBefore(isoOf(at));
      fundedAt = at;
    },
  );
  return { fundedAt: () => fundedAt };
}

function pushMeet(p: Plan, condition: Plan["conditions"][number], gap: number) {
  const note = pick(CONDITION_EVIDENCE);
  push(p, gap, (plan, now) =>
    sendEvent(plan.owner, plan.ref, { type: "MEET_CONDITION", conditionId: condition.id, note }, { now }),
  );
}

// --- Placing abstract steps in time ------------------------------------------------------------------

function later(prev: number, gap: number): number {
  if (gap === 0) return prev + int(15, 150) * MINUTE;
  return officeTime(addWorkingDays(isoOf(prev), gap));
}
function earlier(next: number, gap: number): number {
  if (gap === 0) return next - int(15, 150) * MINUTE;
  return officeTime(addWorkingDays(isoOf(next), -gap));
}

/** Sets the time of every abstract step: forward from the start date, or around the anchor's age. */
function place(p: Plan) {
  const steps = p.abstract;
  if (p.anchor === null) {
    const start = p.options.start;
    if (!start) throw new Error(`${p.titleEn}: needs a start date or an age`);
    steps[0]!.at = officeTime(addWorkingDays(start, 0));
    for (let i = 1; i < steps.length; i++) steps[i]!.at = later(steps[i - 1]!.at!, steps[i]!.gap);
  } else {
    const age = p.options.age ?? 10;
    const anchorDay = previousWorkingDay(addDays(PORTFOLIO_TODAY, -age));
    const a = p.anchor;
    steps[a]!.at = Math.min(officeTime(anchorDay), LIMIT - 30 * MINUTE);
    for (let i = a - 1; i >= 0; i--) steps[i]!.at = earlier(steps[i + 1]!.at!, steps[i + 1]!.gap);
    // After the anchor, squeeze the gaps into the time left before today.
    const after = steps.slice(a + 1);
    const room = workingDaysBetween(anchorDay, isoOf(LIMIT)) - 1;
    const total = after.reduce((n, s) => n + s.gap, 0);
    const scale = total > room ? Math.max(0, room) / total : 1;
    for (let i = a + 1; i < steps.length; i++) {
      const gap = Math.floor(steps[i]!.gap * scale);
      steps[i]!.at = later(steps[i - 1]!.at!, gap);
      // What would fall after today has not happened yet (comments, further sign-offs): leave it out.
      if (steps[i]!.at! > LIMIT) {
        steps.length = i;
        break;
      }
    }
  }
  for (const s of steps) s.onPlaced?.(s.at!);
  p.steps.push(...steps.map((s) => ({ at: s.at!, act: s.act })));
}

// --- Delivery (phase B: concrete dates) ---------------------------------------------------------------

/** A time on a date's working day (rolled forward), strictly after `after`. */
function eventOn(iso: string, after: number): number {
  const at = officeTime(addWorkingDays(iso, 0));
  return at > after ? at : later(after, 1);
}

function planDelivery(p: Plan, c: Callers, fundedAt: number) {
  const t = p.target;
  const o = p.options;
  const lead = reviewerOf(c, p.lead);
  const fundedDay = isoOf(fundedAt);
  const today = PORTFOLIO_TODAY;
  const ongoing = t === "inProgress" || t === "onHold";

  // The planned timeline starts the month after funding (the proposal said so; it is written before replay).
  p.plannedStart = firstOfNextMonth(fundedDay);
  const health = t === "inProgress" ? (o.health ?? "green") : "green";
  /** Index of the first milestone not done while delivery goes on. */
  let doneCount: number;
  if (!ongoing) {
    p.plannedEnd = dayBefore(firstOfNextMonth(addMonths(p.plannedStart, projectMonths(p) - 1)));
    p.milestones = spreadMilestones(p.plannedStart, p.plannedEnd);
    doneCount = p.milestones.length;
  } else {
    // Milestones spread over the plan: those due before a cut-off date are done, except an overdue one
    // (amber: up to 25 days, red: over 30 days); the rest lie ahead.
    const overdueBy = health === "amber" ? int(5, 25) : health === "red" ? int(40, 100) : 0;
    // A project on hold has reported nothing for a while.
    const lastPast = addDays(today, -(overdueBy || (t === "onHold" ? int(90, 150) : int(10, 40))));
    const firstPast = addDays(p.plannedStart, int(30, 60));
    if (overdueBy && lastPast < firstPast)
      throw new Error(`${p.titleEn}: funded too recently to have an overdue milestone`);
    const pastSpan = daysBetween(firstPast, lastPast);
    const past = pastSpan < 0 ? 0 : Math.min(3, 1 + Math.floor(pastSpan / 150));
    p.plannedEnd = dayBefore(firstOfNextMonth(addDays(today, int(90, 400))));
    const futureStart = addDays(today > p.plannedStart ? today : p.plannedStart, int(15, 45));
    const futureSpan = daysBetween(futureStart, p.plannedEnd);
    const future = Math.max(2 - past, Math.min(5 - past, 1 + Math.floor(futureSpan / 120)));
    const dues: string[] = [];
    for (let i = 0; i < past; i++)
      dues.push(past === 1 ? lastPast : addDays(firstPast, Math.round((i * pastSpan) / (past - 1))));
    for (let i = 0; i < future; i++)
      dues.push(future === 1 ? p.plannedEnd : addDays(futureStart, Math.round((i * futureSpan) / (future - 1))));
    const names = [pick(MILESTONE_FIRST), ...shuffle(MILESTONE_MIDDLE).slice(0, dues.length - 2), pick(MILESTONE_LAST)];
    p.milestones = dues.map((due, i) => ({ name: names[i]!, due }));
    doneCount = overdueBy ? past - 1 : past;
  }

  const events: Step[] = [];
  let last = fundedAt;
  // Milestone reports at about their due dates (done ones only), with pauses in between where planned.
  const pauseAfter = o.pauseResume ? 0 : -1;
  for (let i = 0; i < doneCount; i++) {
    const m = p.milestones[i]!;
    let actual = addDays(m.due, int(-6, 12));
    if (ongoing && actual >= today) actual = addDays(today, -int(1, 5));
    const at = eventOn(actual, last);
    if (at > LIMIT) throw new Error(`${p.titleEn}: milestone report after today`);
    const index = i;
    events.push({
      at,
      act: async (plan, now) =>
        sendEvent(
          plan.owner,
          plan.ref,
          { type: "REPORT_PROGRESS", milestoneId: await milestoneId(plan, index), date: isoOf(now.getTime()) },
          { now },
        ),
    });
    last = at;
    if (i === pauseAfter) {
      const code: ReasonCode = "OTHER";
      const pauseAt = later(last, int(2, 6));
      const resumeAt = later(pauseAt, int(15, 35));
      events.push({ at: pauseAt, act: send(p.owner, { type: "PAUSE", reason: pauseReason(code), reasonCode: code }) });
      events.push({
        at: resumeAt,
        act: send(p.owner, { type: "RESUME", reason: "The re-run tender has been awarded; work resumes." }),
      });
      last = resumeAt;
    }
  }

  // Conditions: all met before completion; while delivery goes on, those falling due are met and others may be.
  const completeBy = ongoing ? LIMIT - DAY : last;
  for (const condition of p.conditions) {
    const mustMeet = !ongoing || (condition.due !== undefined && condition.due < today);
    if (!mustMeet && chance(0.5)) continue;
    let at = fundedAt + Math.floor(random() * Math.max(DAY, completeBy - fundedAt));
    at = officeTime(addWorkingDays(isoOf(Math.max(at, fundedAt + DAY)), 0));
    if (at <= fundedAt) at = later(fundedAt, 1);
    if (at >= completeBy && !ongoing) at = completeBy - int(60, 300) * MINUTE;
    if (at > LIMIT) at = LIMIT - int(60, 600) * MINUTE;
    events.push({
      at,
      act: send(p.owner, { type: "MEET_CONDITION", conditionId: condition.id, note: pick(CONDITION_EVIDENCE) }),
    });
  }

  if (t === "onHold") {
    const code = o.code ?? "OTHER";
    const who = o.pausedByLead ? lead : p.owner;
    if (o.resumed) {
      const firstPause = later(last, int(3, 8));
      const resume = later(firstPause, int(10, 20));
      events.push({
        at: firstPause,
        act: send(who, { type: "PAUSE", reason: pauseReason("SECURITY_RISK"), reasonCode: "SECURITY_RISK" }),
      });
      events.push({
        at: resume,
        act: send(who, { type: "RESUME", reason: "The audit findings have been fixed and verified." }),
      });
      last = resume;
    }
    const target = officeTime(previousWorkingDay(addDays(today, -int(15, 60))));
    const pauseAt = Math.max(later(last, int(3, 8)), target);
    if (pauseAt > LIMIT) throw new Error(`${p.titleEn}: pause after today`);
    // Conditions met after the pause are still allowed (delivery accepts them on hold), so nothing to move.
    events.push({ at: pauseAt, act: send(who, { type: "PAUSE", reason: pauseReason(code), reasonCode: code }) });
  }

  if (!ongoing) {
    const completeAt = later(Math.max(last, ...events.map((e) => e.at)), int(5, 15));
    if (completeAt > LIMIT) throw new Error(`${p.titleEn}: completion after today`);
    events.push({ at: completeAt, act: send(p.owner, { type: "COMPLETE" }) });
    if (t !== "benefitsReview") {
      let benefitsAt = officeTime(addWorkingDays(addDays(isoOf(completeAt), int(90, 200)), 0));
      const closeGap = int(5, 20);
      const latestBenefits = t === "closed" ? earlier(LIMIT, closeGap + 1) : LIMIT - 60 * MINUTE;
      if (benefitsAt > latestBenefits) benefitsAt = Math.max(later(completeAt, 1), latestBenefits);
      const factor = 0.55 + random() * 0.6;
      const hours = 0.6 + random() * 0.6;
      events.push({
        at: benefitsAt,
        act: send(p.owner, {
          type: "REPORT_BENEFITS",
          realisedAnnualSavings: roundTo(p.expectedAnnualSavings * factor, 1000),
          realisedStaffHoursSaved: roundTo(p.expectedStaffHoursSaved * hours, 10),
          note: pick(BENEFIT_NOTES),
        }),
      });
      if (t === "closed") {
        let closeAt = later(benefitsAt, closeGap);
        if (closeAt > LIMIT) closeAt = later(benefitsAt, 0);
        events.push({
          at: closeAt,
          act: send(lead, { type: "CLOSE", note: "Benefits realised as reported; project closed." }),
        });
      }
    }
  }
  events.sort((a, b) => a.at - b.at);
  p.steps.push(...events);
}

async function milestoneId(plan: Plan, index: number): Promise<string> {
  plan.milestoneIds ??= (
    await db.milestone.findMany({
      where: { initiative: { ref: plan.ref } },
      orderBy: { position: "asc" },
      select: { id: true },
    })
  ).map((m) => m.id);
  const id = plan.milestoneIds[index];
  if (!id) throw new Error(`${plan.ref} has no milestone #${index + 1}`);
  return id;
}

function planInitiative(p: Plan, c: Callers, fc: FcItem[]) {
  const { fundedAt } = planPhaseA(p, c, fc);
  place(p);
  const created = p.steps[0]!.at;
  if (fundedAt) {
    planDelivery(p, c, fundedAt());
  } else {
    // Not delivered here: a timeline starting a few months after submission (or creation, for drafts).
    setTimelineFrom(p, isoOf(p.steps[Math.min(2, p.steps.length - 1)]!.at));
  }
  // Steps of one initiative are strictly ordered in time, inside the portfolio's period.
  for (let i = 1; i < p.steps.length; i++) {
    if (p.steps[i]!.at <= p.steps[i - 1]!.at) p.steps[i]!.at = p.steps[i - 1]!.at + int(5, 30) * MINUTE;
  }
  if (created < START || p.steps[p.steps.length - 1]!.at > LIMIT) {
    throw new Error(
      `${p.titleEn}: events from ${new Date(created).toISOString()} to ${new Date(p.steps[p.steps.length - 1]!.at).toISOString()} fall outside the portfolio's period`,
    );
  }
}

/** Finance Committee papers are numbered per financial year in the order of their meetings. */
function numberFcPapers(items: FcItem[]) {
  const byYear = new Map<string, number>();
  for (const item of [...items].sort((a, b) => a.date.localeCompare(b.date))) {
    const fy = financialYearOf(item.date);
    const next = (byYear.get(fy) ?? int(3, 8)) + int(1, 4);
    byYear.set(fy, next);
    item.paperRef = `FCR(${fy})${next}`;
  }
}

// ---------------------------------------------------------------------------------------------------
// Users and the entry point.
// ---------------------------------------------------------------------------------------------------

async function callers(): Promise<Callers> {
  const users = await db.user.findMany({
    select: { id: true, email: true, role: true, bureauCode: true, divisionCode: true },
  });
  const asCaller = (u: (typeof users)[number]): Caller => ({
    id: u.id,
    role: u.role as Role,
    bureauCode: u.bureauCode,
    divisionCode: u.divisionCode,
  });
  const byEmail = (email: string) => {
    const u = users.find((x) => x.email === email);
    if (!u) throw new Error(`The demo user ${email} is missing: seed the demo users first.`);
    return asCaller(u);
  };
  const officers = new Map<string, Caller>([
    ["ITIB", byEmail("officer.itb@demo.gov.hk")],
    ["IMMD", byEmail("officer.immd@demo.gov.hk")],
  ]);
  const bureaux = [...new Set(CATALOGUE.map((e) => e[0]))].filter((b) => !officers.has(b));
  let passwordHash: string | undefined;
  for (const [i, code] of bureaux.entries()) {
    const email = `officer.${code.toLowerCase()}@demo.gov.hk`;
    let user = users.find((u) => u.email === email);
    if (!user) {
      passwordHash ??= await hashPassword(DEMO_PASSWORD);
      user = await db.user.create({
        data: {
          email,
          name: OFFICER_NAMES[i % OFFICER_NAMES.length]!,
          role: "OFFICER",
          bureauCode: code,
          passwordHash,
        },
        select: { id: true, email: true, role: true, bureauCode: true, divisionCode: true },
      });
    }
    officers.set(code, asCaller(user));
  }
  return {
    dg: byEmail("reviewer.dg@demo.gov.hk"),
    dgov: byEmail("reviewer.dgov@demo.gov.hk"),
    di: byEmail("reviewer.di@demo.gov.hk"),
    leader: byEmail("leader@demo.gov.hk"),
    officerOf: (bureau) => officers.get(bureau)!,
  };
}

/** The whole portfolio's steps in time order, planned without touching the database (for tests too). */
function planPortfolio(c: Callers): Plan[] {
  random = mulberry32(20240401);
  const fc: FcItem[] = [];
  const plans = CATALOGUE.map((entry, i) => makePlan(entry, i, c));
  for (const p of plans) planInitiative(p, c, fc);
  numberFcPapers(fc);
  return plans;
}

/**
 * Builds the demo portfolio through the lifecycle service when there are no initiatives yet. Returns
 * how many initiatives it created (0 when the database already had some).
 */
export async function seedPortfolio(): Promise<number> {
  if ((await db.initiative.count()) > 0) return 0;
  const c = await callers();
  const plans = planPortfolio(c);
  const timeline = plans
    .flatMap((plan) => plan.steps.map((step, order) => ({ plan, step, order })))
    .sort((a, b) => a.step.at - b.step.at || a.plan.index - b.plan.index || a.order - b.order);
  for (const { plan, step } of timeline) {
    try {
      await step.act(plan, new Date(step.at));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Demo portfolio: "${plan.titleEn}" (${plan.ref || "not created"}) at ${new Date(step.at).toISOString()}: ${message}`,
      );
    }
  }
  return plans.length;
}
