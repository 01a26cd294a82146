(function (C) { 'use strict'; })
