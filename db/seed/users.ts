import type { Role } from '../../src/lib/domain/roles';
import { DEMO_UNITS } from './units';

export const DEMO_PASSWORD = 'otklik-demo-2026';

export interface DemoUser {
  email: string;
  name: string;
  position: string;
  roles: Role[];
  units: string[];
}

export const DEMO_USERS: DemoUser[] = [
  {
    email: 'operator@otklik.example',
    name: 'Смирнова Анна Викторовна',
    position: 'Консультант отдела по работе с обращениями граждан',
    roles: ['operator'],
    // The contact centre's first line answers for every unit of the ministry (issue 11).
    units: DEMO_UNITS.map((u) => u.name),
  },
  {
    email: 'supervisor@otklik.example',
    name: 'Кузнецов Игорь Павлович',
    position: 'Начальник отдела по работе с обращениями граждан',
    roles: ['supervisor', 'operator'],
    units: ['Отдел по работе с обращениями граждан'],
  },
  // Unit operators: they see their unit's appeals, the common pool and what is given to them.
  {
    email: 'petrov@otklik.example',
    name: 'Петров Сергей Николаевич',
    position: 'Специалист отдела общего образования',
    roles: ['operator'],
    units: ['Отдел общего образования'],
  },
  {
    email: 'nikolaeva@otklik.example',
    name: 'Николаева Ольга Игоревна',
    position: 'Специалист отдела государственных услуг и лицензирования',
    roles: ['operator'],
    units: ['Отдел государственных услуг и лицензирования'],
  },
  {
    email: 'fedorova@otklik.example',
    name: 'Фёдорова Татьяна Александровна',
    position: 'Консультант отдела по работе с обращениями граждан',
    roles: ['operator'],
    units: ['Отдел по работе с обращениями граждан'],
  },
  {
    email: 'editor@otklik.example',
    name: 'Орлова Марина Сергеевна',
    position: 'Главный специалист-эксперт пресс-службы',
    roles: ['editor'],
    units: ['Пресс-служба'],
  },
  {
    email: 'maintainer@otklik.example',
    name: 'Васильев Дмитрий Андреевич',
    position: 'Заместитель начальника управления делами, уполномоченное лицо по перечню',
    roles: ['maintainer'],
    units: ['Управление делами'],
  },
  {
    email: 'admin@otklik.example',
    name: 'Захарова Елена Николаевна',
    position: 'Ведущий специалист отдела информатизации',
    roles: ['admin'],
    units: ['Отдел информатизации'],
  },
];
