/**
 * Legacy 8-bit Kazakh font repair (issue 12, point 5): each supported font family is repaired;
 * Ukrainian, Serbian, Macedonian, Russian and Unicode Kazakh text that share its letters is not.
 */
import { describe, expect, it } from 'vitest';
import { detectLegacyKazakhFont, LEGACY_KAZAKH_MAPPINGS, LEGACY_KAZAKH_TABLES, repairLegacyKazakhFont, type LegacyKazakhMapping } from '../../shared/text/legacy-kazakh-font';

/** From the Enbekshikazakh district maslikhat decision No 43-108 of 13 March 2019 (its annex). */
const KAZAKH = [
  'Еңбекшіқазақ аудандық мәслихаттың 2019 жылғы «13» наурыздағы № 43-108 шешімімен бекітілген қосымша',
  'Еңбекшіқазақ ауданының Қоғамдық кеңесі туралы ереже',
  '1. Жалпы ережелер',
  '1. Осы Еңбекшіқазақ ауданының Қоғамдық кеңесі туралы ереже (бұдан әрі – Ереже) «Қоғамдық кеңестер туралы» 2015 жылғы 2 қарашадағы Қазақстан Республикасы Заңының (бұдан әрі – Заң) 8-бабының 5-тармағына сәйкес әзірленді.',
  '2. Қоғамдық кеңестер – жергілікті мемлекеттік басқару органдары өз құзыретіндегі мәселелер бойынша коммерциялық емес ұйымдармен, азаматтармен бірлесіп құратын консультациялық-кеңесші, бақылаушы органдар.',
  '4. Қоғамдық кеңестер өз қызметінде Конституцияны, оған сәйкес келетін заңдарды, Қазақстан Республикасы Президентінің, Қазақстан Республикасы Үкіметінің актілерін, Қазақстан Республикасының өзге де нормативтік құқықтық актілерін, сондай-ақ Қазақстан Республикасы Үкіметінің «Қоғамдық кеңес туралы Үлгілік ережені бекіту туралы» 2015 жылғы 31 желтоқсандағы №1194 Қаулысын басшылыққа алады.',
].join('\n');

/** What a file typed in the font holds, read through Windows-1251. */
function typedIn(text: string, mapping: LegacyKazakhMapping): string {
  const reverse = new Map(Object.entries(LEGACY_KAZAKH_TABLES[mapping]).map(([legacy, kazakh]) => [kazakh, legacy]));
  return [...text].map((ch) => reverse.get(ch) ?? ch).join('');
}

/** Constitution of Ukraine, articles 1, 2, 10 and 24 (ї, є, ґ are ordinary letters). */
const UKRAINIAN = [
  'Україна є суверенна і незалежна, демократична, соціальна, правова держава.',
  'Суверенітет України поширюється на всю її територію. Україна є унітарною державою. Територія України в межах існуючого кордону є цілісною і недоторканною.',
  'Державною мовою в Україні є українська мова. Держава забезпечує всебічний розвиток і функціонування української мови в усіх сферах суспільного життя на всій території України.',
  'Громадяни мають рівні конституційні права і свободи та є рівними перед законом. Не може бути привілеїв чи обмежень за ознаками раси, кольору шкіри, політичних, релігійних та інших переконань, статі, етнічного та соціального походження, майнового стану, місця проживання, за мовними або іншими ознаками.',
  'Ґрунтуючись на своїх традиціях, їхні громади зберігають ґрунти і землі, що є їхнім надбанням, яке належить усьому народові.',
].join('\n');

/** Constitution of Serbia, articles 1, 2, 10 and 15 (ј, љ, њ, ћ, ђ, џ are ordinary letters). */
const SERBIAN = [
  'Република Србија је држава српског народа и свих грађана који у њој живе, заснована на владавини права и социјалној правди, начелима грађанске демократије, људским и мањинским правима и слободама и припадности европским принципима и вредностима.',
  'Сувереност потиче од грађана који је врше референдумом, народном иницијативом и преко својих слободно изабраних представника. Ниједан државни орган, политичка организација, група или појединац не може присвојити сувереност од грађана, нити успоставити власт мимо слободно изражене воље грађана.',
  'У Републици Србији у службеној употреби су српски језик и ћириличко писмо. Службена употреба других језика и писама уређује се законом, на основу Устава.',
  'Држава јемчи равноправност жена и мушкараца и развија политику једнаких могућности. Њихова деца ће ићи у школу, а већ сутра ће почети настава у кући поред џамије.',
].join('\n');

/** Constitution of North Macedonia, articles 1, 2 and 7, and common sentences (ќ, ѕ, ѓ, ј, њ, љ). */
const MACEDONIAN = [
  'Република Македонија е суверена, самостојна, демократска и социјална држава. Суверенитетот во Република Македонија произлегува од граѓаните и им припаѓа на граѓаните.',
  'Граѓаните на Република Македонија власта ја остваруваат преку демократски избрани претставници, по пат на референдум и други облици на непосредно изразување.',
  'Во Република Македонија службен јазик е македонскиот јазик и неговото кириличко писмо.',
  'Што ќе правиме утре? Ќе одиме кај куќата со високиот ѕид, каде што ќе ни кажат која среќа нè чека. Ѕвездите ќе светат над нивните ниви и коњите ќе одат по патот.',
].join('\n');

/** Constitution of Belarus, articles 1, 3 and 17 (ў and і are ordinary letters). */
const BELARUSIAN = [
  'Рэспубліка Беларусь – унітарная дэмакратычная сацыяльная прававая дзяржава. Рэспубліка Беларусь валодае вяршэнствам і паўнатой улады на сваёй тэрыторыі, самастойна ажыццяўляе ўнутраную і знешнюю палітыку.',
  'Адзінай крыніцай дзяржаўнай улады і носьбітам суверэнітэту ў Рэспубліцы Беларусь з\'яўляецца народ. Народ ажыццяўляе сваю ўладу непасрэдна, праз прадстаўнічыя і іншыя органы ў формах і межах, вызначаных Канстытуцыяй.',
  'Дзяржаўнымі мовамі ў Рэспубліцы Беларусь з\'яўляюцца беларуская і руская мовы. Усе роўныя перад законам і маюць права без усякай дыскрымінацыі на роўную абарону правоў і законных інтарэсаў.',
].join('\n');

/** Constitution of Uzbekistan, articles 1 and 4 (Cyrillic Uzbek: ў, and Unicode қ, ғ, ҳ). */
const UZBEK = [
  'Ўзбекистон суверен демократик республика. Давлатнинг «Ўзбекистон Республикаси» ва «Ўзбекистон» деган номлари бир маънони англатади.',
  'Ўзбекистон Республикасининг давлат тили ўзбек тилидир. Ўзбекистон Республикаси ўз ҳудудида истиқомат қилувчи барча миллат ва элатларнинг тиллари, урф-одатлари ва анъаналари ҳурмат қилинишини таъминлайди, уларнинг ривожланиши учун шароит яратади.',
  'Ҳеч ким суднинг қарорисиз ва қонунга хилоф равишда мол-мулкидан маҳрум қилиниши мумкин эмас. Фуқаролар ўз ҳуқуқ ва эркинликларини амалга оширишда бошқа шахсларнинг қонуний манфаатларига путур етказмасликлари шарт.',
].join('\n');

/** Constitution of Kazakhstan, article 1 (Russian text). */
const RUSSIAN =
  'Республика Казахстан утверждает себя демократическим, светским, правовым и социальным государством, высшими ценностями которого являются человек, его жизнь, права и свободы. Основополагающими принципами деятельности Республики являются общественное согласие и политическая стабильность, экономическое развитие на благо всего народа, казахстанский патриотизм.';

describe('legacy Kazakh font repair', () => {
  it.each(LEGACY_KAZAKH_MAPPINGS)('text typed in the %s font family is detected and repaired to Unicode Kazakh', (mapping) => {
    const legacy = typedIn(KAZAKH, mapping);
    expect(legacy).not.toEqual(KAZAKH);
    const detected = detectLegacyKazakhFont(legacy);
    expect(detected.mapping).toBe(mapping);
    const repaired = repairLegacyKazakhFont(legacy, mapping);
    expect(repaired).toBe(KAZAKH);
    expect(repaired).toContain('Қазақстан Республикасы Үкіметінің');
  });

  it('reads the KZ-1048 form found in real files: "Ќазаќстан … Їкіметініѕ … Ќаулысы"', () => {
    const text = 'Ќазаќстан Республикасы Їкіметініѕ 2015 жылєы 31 желтоќсандаєы № 1194 Ќаулысы. Ќарыз алушыныѕ барлыќ банктік шоттарыныѕ тізімін жјне мґлшері туралы мјліметтерді беруге; Ўлттыќ Банкініѕ.';
    expect(detectLegacyKazakhFont(text).mapping).toBe('kz1048');
    expect(repairLegacyKazakhFont(text, 'kz1048')).toBe(
      'Қазақстан Республикасы Үкіметінің 2015 жылғы 31 желтоқсандағы № 1194 Қаулысы. Қарыз алушының барлық банктік шоттарының тізімін және мөлшері туралы мәліметтерді беруге; Ұлттық Банкінің.',
    );
  });

  it.each([
    ['Ukrainian', UKRAINIAN],
    ['Serbian', SERBIAN],
    ['Macedonian', MACEDONIAN],
    ['Belarusian', BELARUSIAN],
    ['Uzbek', UZBEK],
    ['Russian', RUSSIAN],
    ['Unicode Kazakh', KAZAKH],
  ])('%s text that uses the same letters is left alone', (_language, text) => {
    const detected = detectLegacyKazakhFont(text);
    expect(detected.mapping).toBeNull();
  });

  it('a mixed document: legacy Kazakh paragraphs beside Russian ones are repaired, the Russian is untouched', () => {
    const legacy = typedIn(KAZAKH, 'kz1048');
    const mixed = `${RUSSIAN}\n${legacy}\n${RUSSIAN}`;
    expect(detectLegacyKazakhFont(mixed).mapping).toBe('kz1048');
    expect(repairLegacyKazakhFont(mixed, 'kz1048')).toBe(`${RUSSIAN}\n${KAZAKH}\n${RUSSIAN}`);
  });

  it('a mixed document: Unicode Kazakh quoting Serbian and Ukrainian is left alone', () => {
    const mixed = `${KAZAKH}\n${SERBIAN.split('\n')[0]}\n${UKRAINIAN.split('\n')[0]}\n${KAZAKH}`;
    expect(detectLegacyKazakhFont(mixed).mapping).toBeNull();
  });

  it('a few legacy words are not enough evidence', () => {
    expect(detectLegacyKazakhFont('Документ: Ќаулы, см. приложение.').mapping).toBeNull();
  });

  it('signs outside Cyrillic words stay as they are (PT154 maps ± and ‰ only inside words)', () => {
    const legacy = `${typedIn(KAZAKH, 'pt154')}\nДопуск 5 ± 2 мм, доля 3 ‰, 10 µm.`;
    expect(detectLegacyKazakhFont(legacy).mapping).toBe('pt154');
    expect(repairLegacyKazakhFont(legacy, 'pt154')).toBe(`${KAZAKH}\nДопуск 5 ± 2 мм, доля 3 ‰, 10 µm.`);
  });

  it('Serbian, Macedonian, Ukrainian, Belarusian and Uzbek read through either mapping gain few Kazakh words', () => {
    for (const text of [SERBIAN, MACEDONIAN, UKRAINIAN, BELARUSIAN, UZBEK]) {
      for (const evidence of detectLegacyKazakhFont(text).evidence) {
        expect(evidence.kazakhAfter / Math.max(1, evidence.changedWords)).toBeLessThan(0.5);
      }
    }
  });
});

describe('legacy Kazakh font repair over pages', () => {
  it('judges the pages of one document together and keeps every length', () => {
    const pages = typedIn(KAZAKH, 'kz1048').split('\n');
    // No single short page is enough evidence; the document is.
    expect(detectLegacyKazakhFont(pages[2]!).mapping).toBeNull();
    expect(detectLegacyKazakhFont(pages).mapping).toBe('kz1048');
    for (const page of pages) expect(repairLegacyKazakhFont(page, 'kz1048')).toHaveLength(page.length);
  });
});
