import CNCurses
import FlightDeckTUI
