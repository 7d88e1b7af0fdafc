import FlightDeckTUI

extension NcursesBackend: FullRedrawing {}
