export const DEMO_UNITS: { name: string; shortName: string }[] = [
  { name: 'Отдел по работе с обращениями граждан', shortName: 'ОРОГ' },
  { name: 'Отдел общего образования', shortName: 'ООО' },
  { name: 'Отдел дополнительного образования и воспитания', shortName: 'ОДОВ' },
  { name: 'Отдел государственных услуг и лицензирования', shortName: 'ОГУЛ' },
  { name: 'Управление делами', shortName: 'УД' },
  { name: 'Пресс-служба', shortName: 'ПС' },
  { name: 'Отдел информатизации', shortName: 'ОИ' },
];
