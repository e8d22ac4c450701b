import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../shared/metadata';

// From the adilet printout of order No. 66 of the Minister of Education and Science (kk).
const KAZAKH =
  '1. Қоса беріліп отырған Білім беру ұйымдарының жатақханаларындағы орындарды бөлу қағидалары бекітілсін. ' +
  '2. Жоғары, жоғары оқу орнынан кейінгі білім және халықаралық ынтымақтастық департаменті заңнамада белгіленген ' +
  'тәртіппен: 1) Қазақстан Республикасы Әділет министрлігінде осы бұйрықтың мемлекеттік тіркелуін; 2) осы бұйрық ' +
  'Қазақстан Республикасы Әділет министрлігінде мемлекеттік тіркелгеннен кейін оны мерзімді баспа басылымдарында ' +
  'және "Әділет" ақпараттық-құқықтық жүйесінде ресми жариялауға жіберілуді қамтамасыз етсін.';
// From the Constitution of the Republic of Kazakhstan (ru).
const RUSSIAN =
  'Республика Казахстан утверждает себя демократическим, светским, правовым и социальным государством, высшими ' +
  'ценностями которого являются человек, его жизнь, права и свободы. Основополагающими принципами деятельности ' +
  'Республики являются: общественное согласие и политическая стабильность, экономическое развитие на благо всего ' +
  'народа, казахстанский патриотизм, решение наиболее важных вопросов государственной жизни демократическими ' +
  'методами, включая голосование на республиканском референдуме или в Парламенте.';
const ENGLISH =
  'The Law on public councils was adopted on 2 November 2015. It sets out how the councils are formed, which ' +
  'questions they consider and how their recommendations are sent to the state bodies of the regions and districts.';
const KAZAKH_LATIN_2021 =
  'Qazaqstan Respublikasynyñ qoğamdyq keñesteri turaly zañ 2015 jyly qabyldandy jäne bükil elde qoldanylady. ' +
  'Keñes müşeleri jergılıktı budjet boiynşa usynystar daiyndap, äkımdıkke jıberedı.';
const KAZAKH_LATIN_2018 =
  'Qazaqstan Respýblıkasynyń qoǵamdyq keńesteri týraly zań 2015 jyly qabyldandy jáne búkil elde qoldanylady. ' +
  'Keńes músheleri jergilikti bıýdjet boıynsha usynystar daıyndap, ákimdikke jiberedi.';

describe('detectLanguage', () => {
  it('tells Kazakh, Russian and English apart', () => {
    expect(detectLanguage(KAZAKH)).toBe('kk');
    expect(detectLanguage(RUSSIAN)).toBe('ru');
    expect(detectLanguage(ENGLISH)).toBe('en');
  });

  it('takes Latin-script Kazakh, 2021 and 2018 alphabets, for Kazakh', () => {
    expect(detectLanguage(KAZAKH_LATIN_2021)).toBe('kk');
    expect(detectLanguage(KAZAKH_LATIN_2018)).toBe('kk');
  });

  it('calls a text mixed when two languages each hold a substantial share', () => {
    expect(detectLanguage(`${KAZAKH}\n${RUSSIAN}`)).toBe('mixed');
    expect(detectLanguage(`${ENGLISH}\n${RUSSIAN}\n${ENGLISH}`)).toBe('mixed');
  });

  it('does not call a text mixed for a short passage in another language', () => {
    expect(detectLanguage(`${RUSSIAN}\n${RUSSIAN}\n${ENGLISH}`)).toBe('ru');
  });

  it('keeps a Russian text with Kazakh names and Roman numerals Russian', () => {
    const text =
      'В работе ХХІІ сессии приняли участие Ілебаев Айбек Қасымханұлы, Әбіт Айжан и Жошыбаева Гүлнәр Сағатқызы. ' +
      RUSSIAN;
    expect(detectLanguage(text)).toBe('ru');
  });

  it('gives no language for too little text or for text that is no language', () => {
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('Лицензия')).toBeNull();
    expect(detectLanguage('12345 67890 №№ 1-1')).toBeNull();
    const mojibake = "ooucrorHe*Uu.::ry:-!r ilir d*1tr.?ff rrHBe'TrrrluonHoft porpaMMbr orrHeHnilyrBepx qeH'oft " +
      'n0 TOraM rroJryfo aus2020 roaa IIEP EA UOTPE6NTCIMU nn IHbIMII AITHTCP ECOB AHHbIMII JIUAMII ENerorHufi ' +
      'orqer o Aetrenbocrr4 Ao Acrasa-oHeprur fili rJ ##f J::TTll ll9-ron o peAocraBJrerr eueprrara rro Hro_raM';
    expect(detectLanguage(mojibake)).toBeNull();
  });
});
