import type { Role } from '../../src/lib/domain/roles';

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
    units: ['Отдел по работе с обращениями граждан'],
  },
  {
    email: 'supervisor@otklik.example',
    name: 'Кузнецов Игорь Павлович',
    position: 'Начальник отдела по работе с обращениями граждан',
    roles: ['supervisor', 'operator'],
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
