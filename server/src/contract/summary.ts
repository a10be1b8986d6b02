/** The city summary's shape (GET /api/summary), shared with the client as a type. */
export interface CityCounts {
  districts: number;
  streetOffices: number;
  communities: number;
  grids: number;
  households: number;
  population: number;
  buildings: number;
  cameras: number;
  camerasWorking: number;
  incidentsOpen: number;
  incidentsToday: number;
  workers: number;
  patrolTeams: number;
  keyPlaces: number;
}
