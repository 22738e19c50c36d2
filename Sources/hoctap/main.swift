import HoctapWeb
