/** What a person does here; see PRODUCT.md "Who uses it". */
export type Role = 'administrator' | 'programme_manager' | 'consultant' | 'focal_point';

export const roles: readonly Role[] = ['administrator', 'programme_manager', 'consultant', 'focal_point'];

export const roleLabels: Record<Role, string> = {
  administrator: 'Administrator',
  programme_manager: 'Programme manager',
  consultant: 'Consultant',
  focal_point: 'Member-state focal point',
};

/** The signed-in person, as every route and policy check sees them. */
export interface User {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  /** Consultants: the states assigned to them. Focal points: their one state. Others: none. */
  states: string[];
  active: boolean;
}
